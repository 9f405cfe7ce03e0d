import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { handler as authorizer } from '../../functions/auth/authorizer';
import { handler as login } from '../../functions/auth/login';
import { handler as register } from '../../functions/auth/register';
import { handler as me } from '../../functions/users/me';
import { useClock } from '../../functions/shared/config/clock';
import { lambdaContext } from '../../lib/local/proxy-event';
import { invoke, type ProxyHandler } from '../support/invoke';

/** Each test registers from its own client IP, so the per-IP limit never couples tests. */
const newIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const email = () => `user-${randomUUID()}@Example.com`;

const post = (
  handler: unknown,
  resource: string,
  body: unknown,
  sourceIp: string,
  stage: 'v1' | 'v2' = 'v1',
) => invoke(handler as ProxyHandler, { stage, method: 'POST', resource, path: resource, body, sourceIp });

const methodArn = 'arn:aws:execute-api:us-east-1:123456789012:abc123/v1/GET/users/me';
const authorize = (authorizationToken: string) =>
  authorizer({ type: 'TOKEN', authorizationToken, methodArn }, lambdaContext('Authorizer'));

describe('register, login, me', () => {
  it('registers (201, no password echoed), logs in, and reads the profile through the authorizer', async () => {
    const ip = newIp();
    const address = email();
    const created = await post(
      register,
      '/auth/register',
      { email: address, password: 'correct horse', name: 'Ada' },
      ip,
    );
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email: address.toLowerCase(),
      name: 'Ada',
      created_at: expect.any(String),
    });
    expect(created.headers['Cache-Control']).toBe('no-store');

    const session = await post(
      login,
      '/auth/login',
      { email: address.toUpperCase(), password: 'correct horse' },
      ip,
    );
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });

    const policy = await authorize(`Bearer ${session.body.access_token}`);
    expect(policy.policyDocument.Statement[0]).toMatchObject({
      Effect: 'Allow',
      Resource: 'arn:aws:execute-api:us-east-1:123456789012:abc123/*',
    });
    const profile = await invoke(me, {
      stage: 'v2',
      method: 'GET',
      resource: '/users/me',
      path: '/users/me',
      userId: String(policy.context?.userId),
    });
    expect(profile.body).toMatchObject({
      id: created.body.id,
      name: 'Ada',
      links: [{ rel: 'self', href: '/v2/users/me', method: 'GET' }, expect.anything()],
    });
  });

  it('answers 409 for an email already registered, whatever its case', async () => {
    const address = email();
    const ip = newIp();
    expect(
      (await post(register, '/auth/register', { email: address, password: 'password1' }, ip)).status,
    ).toBe(201);
    const duplicate = await post(
      register,
      '/auth/register',
      { email: address.toUpperCase(), password: 'password2' },
      ip,
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.type).toBe('https://task-api.dev/problems/email-taken');
  });

  it('gives the same 401 for an unknown email and a wrong password', async () => {
    const address = email();
    const ip = newIp();
    await post(register, '/auth/register', { email: address, password: 'password1' }, ip);
    const wrong = await post(login, '/auth/login', { email: address, password: 'password2' }, ip);
    const unknown = await post(login, '/auth/login', { email: email(), password: 'password1' }, ip);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers['WWW-Authenticate']).toMatch(/^Bearer/);
    const { request_id: _a, ...wrongBody } = wrong.body;
    const { request_id: _b, ...unknownBody } = unknown.body;
    expect(wrongBody).toEqual(unknownBody);
  });

  it.each([
    [{ email: 'not-an-email', password: 'password1' }],
    [{ email: 'a@b.co', password: 'short' }],
    [{ email: 'a@b.co', password: 'x'.repeat(129) }],
    [{ email: 'a@b.co', password: 'password1', role: 'admin' }],
    [[]],
    ['null'],
  ])('answers 422 for the invalid registration %j', async (body) => {
    const response = await post(register, '/auth/register', body, newIp());
    expect(response.status).toBe(422);
  });
});

const afterCleanup: (() => void)[] = [];
afterEach(() => afterCleanup.splice(0).forEach((cleanup) => cleanup()));

describe('per-IP rate limit on /auth/register', () => {
  it('admits 5 per minute per IP with RateLimit headers, then 429 with Retry-After; other IPs and the next window are unaffected', async () => {
    const start = Date.UTC(2030, 0, 1, 12, 0, 10);
    let now = start;
    const restore = useClock(() => now);
    try {
      const ip = newIp();
      const responses = [];
      for (let attempt = 1; attempt <= 6; attempt++) {
        responses.push(await post(register, '/auth/register', { email: email(), password: 'password1' }, ip));
      }
      expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201, 201, 429]);
      expect(
        responses.every((response) => response.headers['RateLimit-Policy'] === '"register";q=5;w=60'),
      ).toBe(true);
      expect(responses.map((response) => response.headers.RateLimit?.split(';')[1])).toEqual([
        'r=4',
        'r=3',
        'r=2',
        'r=1',
        'r=0',
        'r=0',
      ]);
      const last = responses[5]!;
      expect(last.headers.RateLimit).toBe('"register";r=0;t=50');
      expect(last.headers['Retry-After']).toBe('50');
      expect(last.body.type).toBe('https://task-api.dev/problems/rate-limited');

      expect(
        (await post(register, '/auth/register', { email: email(), password: 'password1' }, newIp())).status,
      ).toBe(201);
      now = start + 50_000;
      const nextWindow = await post(
        register,
        '/auth/register',
        { email: email(), password: 'password1' },
        ip,
      );
      expect(nextWindow.status).toBe(201);
      expect(nextWindow.headers.RateLimit).toBe('"register";r=4;t=60');
    } finally {
      restore();
    }
  });

  it('limits login to 10 per minute per IP', async () => {
    // A frozen clock: eleven logins must not straddle the fixed window's boundary on a slow machine.
    const restore = useClock(() => Date.UTC(2030, 0, 2, 12, 0, 10));
    afterCleanup.push(restore);
    const ip = newIp();
    const statuses = [];
    // A new email each time: the per-email guessing limit (5) must not be what answers here.
    for (let attempt = 0; attempt < 11; attempt++)
      statuses.push((await post(login, '/auth/login', { email: email(), password: 'x' }, ip)).status);
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('the bearer-token authorizer', () => {
  const sign = (key: Uint8Array, claims: { iss?: string; aud?: string; exp?: number }) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-1')
      .setIssuer(claims.iss ?? 'task-api')
      .setAudience(claims.aud ?? 'task-api-clients')
      .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 60)
      .sign(key);

  it('rejects missing, malformed, unsigned (alg none) and wrongly signed tokens with Unauthorized', async () => {
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"user-1","iss":"task-api","aud":"task-api-clients","exp":9999999999}').toString('base64url')}.`;
    const wrongKey = await sign(new Uint8Array(32).fill(7), {});
    for (const header of [
      '',
      'Bearer',
      'Basic abc',
      `Bearer ${none}`,
      `Bearer ${none}x`,
      `Bearer ${wrongKey}`,
    ]) {
      await expect(authorize(header)).rejects.toThrow('Unauthorized');
    }
  });

  it('rejects expired tokens and tokens for another issuer or audience', async () => {
    const ip = newIp();
    const address = email();
    await post(register, '/auth/register', { email: address, password: 'password1' }, ip);
    const token = (await post(login, '/auth/login', { email: address, password: 'password1' }, ip)).body
      .access_token as string;
    await expect(authorize(`Bearer ${token}`)).resolves.toMatchObject({ principalId: expect.any(String) });
    const restore = useClock(() => Date.now() + 3601 * 1000);
    try {
      await expect(authorize(`Bearer ${token}`)).rejects.toThrow('Unauthorized');
    } finally {
      restore();
    }
  });
});
