import { randomUUID } from 'node:crypto';
import { useClock } from '../../functions/shared/config/clock';
import { expectFunctionResponse, expectProblem } from './support/expectations';
import { newClientIp, signUp, STAGES, useTestGateway } from './support/http-client';
import { algNoneTokens, expiredToken, wrongKeyToken } from './support/tokens';

const client = useTestGateway();

describe.each(STAGES)('auth over HTTP, stage %s', (stage) => {
  it('registers, logs in and reads /users/me with the token', async () => {
    // Arrange
    const ip = newClientIp();
    const email = `E2E-${randomUUID()}@Example.com`;
    // Act
    const registered = await client.request('POST', `/${stage}/auth/register`, {
      json: { email, password: 'long enough secret', name: 'Ada' },
      sourceIp: ip,
    });
    const login = await client.request('POST', `/${stage}/auth/login`, {
      json: { email: email.toLowerCase(), password: 'long enough secret' },
      sourceIp: ip,
    });
    const me = await client.request('GET', `/${stage}/users/me`, { token: login.body.access_token });
    // Assert
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ email: email.toLowerCase(), name: 'Ada' });
    expect(registered.headers.get('location')).toBe(`/${stage}/users/me`);
    expect(registered.headers.get('cache-control')).toBe('no-store');
    expect(registered.headers.get('ratelimit-policy')).toBe('"register";q=5;w=60');
    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: expect.any(Number),
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: registered.body.id,
      email: email.toLowerCase(),
      name: 'Ada',
      created_at: registered.body.created_at,
    });
    expect('links' in me.body).toBe(stage === 'v2');
    for (const response of [registered, login, me]) expectFunctionResponse(response);
  });

  it('refuses a duplicate email with 409 and a wrong password with 401', async () => {
    const user = await signUp(client, stage);
    const duplicate = await client.request('POST', `/${stage}/auth/register`, {
      json: { email: user.email.toUpperCase(), password: 'whatever123' },
      sourceIp: user.ip,
    });
    const wrong = await client.request('POST', `/${stage}/auth/login`, {
      json: { email: user.email, password: 'not the password' },
      sourceIp: user.ip,
    });
    expectProblem(duplicate, 409, 'email-taken');
    expectProblem(wrong, 401, 'unauthorized');
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('answers 401 with WWW-Authenticate: Bearer for missing, garbage, expired, alg:none and wrongly signed tokens', async () => {
    const user = await signUp(client, stage);
    const tokens = [
      user.token.slice(0, -2),
      'garbage',
      `${user.token}x.y`,
      await expiredToken(user.id),
      await wrongKeyToken(user.id),
      ...algNoneTokens(user.id),
    ];
    const responses = [
      await client.request('GET', `/${stage}/users/me`),
      await client.request('GET', `/${stage}/users/me`, {
        headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      }),
      await client.request('GET', `/${stage}/users/me`, { headers: { authorization: user.token } }), // no "Bearer"
      ...(await Promise.all(tokens.map((token) => client.request('GET', `/${stage}/users/me`, { token })))),
    ];
    for (const response of responses) {
      expectProblem(response, 401, 'unauthorized');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('rejects a token that expired while its authorizer answer is still cached', async () => {
    // Arrange: the gateway caches the authorizer's Allow for this token (300 s)
    const user = await signUp(client, stage);
    expect((await client.request('GET', `/${stage}/users/me`, { token: user.token })).status).toBe(200);
    // Act: the functions' clock moves past the token's expiry; the gateway's cache does not notice
    const restore = useClock(() => Date.now() + 2 * 3600_000);
    let response;
    try {
      response = await client.request('GET', `/${stage}/users/me`, { token: user.token });
    } finally {
      restore();
    }
    // Assert: the function re-checks the expiry from the authorizer context
    expectProblem(response, 401, 'unauthorized');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectFunctionResponse(response);
  });
});

describe('per-IP register limit over HTTP', () => {
  it('lets one client IP register 5 times a minute and answers the 6th with 429 + Retry-After', async () => {
    const ip = newClientIp();
    const register = (sourceIp: string) =>
      client.request('POST', '/v1/auth/register', {
        json: { email: `e2e-${randomUUID()}@example.com`, password: 'long enough secret' },
        sourceIp,
      });
    // The limit counts per fixed minute: pin the functions' clock so the six requests share one window.
    const pinned = Date.now();
    const restore = useClock(() => pinned);
    const statuses: number[] = [];
    let sixth, otherClient;
    try {
      for (let i = 0; i < 5; i++) statuses.push((await register(ip)).status);
      sixth = await register(ip);
      otherClient = await register(newClientIp());
    } finally {
      restore();
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    expectProblem(sixth, 429, 'rate-limited');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(otherClient.status).toBe(201);
  });
});
