import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { handler as authorizer } from '../../functions/auth/authorizer';
import { handler as login } from '../../functions/auth/login';
import { handler as logout } from '../../functions/auth/logout';
import { handler as register } from '../../functions/auth/register';
import { handler as me } from '../../functions/users/me';
import { keySet, KEY_SET_TTL_MS } from '../../functions/shared/auth/key-source';
import { useClock } from '../../functions/shared/config/clock';
import { rotateLocalKeySet } from '../../lib/local/key-set-files';
import { signedToken } from '../e2e/support/tokens';
import { lambdaContext } from '../../lib/local/proxy-event';
import { invoke, type ProxyHandler } from '../support/invoke';

let ipCounter = 0;
const nextIp = () => `203.0.${Math.floor(ipCounter / 250) % 250}.${(ipCounter++ % 250) + 1}`;
const post = (handler: unknown, resource: string, body: unknown) =>
  invoke(handler as ProxyHandler, { method: 'POST', resource, path: resource, body, sourceIp: nextIp() });

const methodArn = 'arn:aws:execute-api:us-east-1:123456789012:abc123/v2/GET/users/me';
const authorize = (token: string) =>
  authorizer(
    { type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn },
    lambdaContext('Authorizer'),
  );

/** Calls a bearer route the way the gateway would after the authorizer allowed `token`. */
async function asCaller(handler: unknown, method: string, resource: string, token: string) {
  const { context } = await authorize(token);
  const event = { method, resource, path: resource, stage: 'v2' as const };
  return invoke(handler as ProxyHandler, {
    ...event,
    userId: String(context?.userId),
    tokenIssuedAt: Number(context?.issuedAt),
  });
}

async function newUser(): Promise<{ id: string; email: string; token: string }> {
  const email = `session-${randomUUID()}@example.com`;
  const created = await post(register, '/auth/register', { email, password: 'long enough secret' });
  const session = await post(login, '/auth/login', { email, password: 'long enough secret' });
  return { id: created.body.id, email, token: session.body.access_token };
}

describe('access tokens', () => {
  it('carry iat, a unique jti whose time is the issue instant, and the kid of the key that signed them', async () => {
    const user = await newUser();
    const again = await post(login, '/auth/login', { email: user.email, password: 'long enough secret' });
    const claims = decodeJwt(user.token);
    expect(claims).toMatchObject({ sub: user.id, iat: expect.any(Number), jti: expect.any(String) });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(decodeJwt(again.body.access_token).jti).not.toBe(claims.jti);
    expect(decodeProtectedHeader(user.token).kid).toBe((await keySet('token')).current.kid);
  });

  it.each([
    ['older than its lifetime, whatever its exp says', { iat: -7200, exp: 100 * 365 * 86_400 }],
    ['issued in the future beyond the clock-skew leeway', { iat: 120, exp: 100 * 365 * 86_400 }],
  ])('refuses a token %s', async (_name, offsets) => {
    const now = Math.floor(Date.now() / 1000);
    const iat = now + offsets.iat;
    const { ulid } = await import('ulid');
    const token = await signedToken('user-1', { iat, exp: now + offsets.exp, jti: ulid(iat * 1000) });
    await expect(authorize(token)).rejects.toThrow('Unauthorized');
  });

  it('refuses a token without jti, with a jti that does not match iat, or naming an unknown key', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { ulid } = await import('ulid');
    const withoutJti = await signedToken('user-1', { jti: undefined });
    const mismatched = await signedToken('user-1', { iat: now, jti: ulid((now - 30) * 1000) });
    const { SignJWT } = await import('jose');
    const unknownKid = await new SignJWT({
      sub: 'user-1',
      iss: 'task-api',
      aud: 'task-api-clients',
      iat: now,
      exp: now + 60,
      jti: ulid(),
    })
      .setProtectedHeader({ alg: 'HS256', kid: 'no-such-key' })
      .sign((await keySet('token')).current.key);
    for (const token of [withoutJti, mismatched, unknownKid])
      await expect(authorize(token)).rejects.toThrow('Unauthorized');
  });
});

describe('logout', () => {
  it('revokes every token of the user issued up to now: the authorizer and /users/me refuse them; a new login works', async () => {
    const user = await newUser();
    const second = (await post(login, '/auth/login', { email: user.email, password: 'long enough secret' }))
      .body.access_token as string;
    const before = await asCaller(me, 'GET', '/users/me', user.token);
    const context = (await authorize(second)).context;
    // Act
    const out = await asCaller(logout, 'POST', '/auth/logout', user.token);
    // Assert
    expect(before.status).toBe(200);
    expect(out.status).toBe(204);
    await expect(authorize(user.token)).rejects.toThrow('Unauthorized');
    await expect(authorize(second)).rejects.toThrow('Unauthorized');
    // A function still reached through a cached Allow refuses it where it reads the profile anyway.
    const cached = await invoke(me, {
      method: 'GET',
      resource: '/users/me',
      path: '/users/me',
      userId: String(context?.userId),
      tokenIssuedAt: Number(context?.issuedAt),
    });
    expect(cached.status).toBe(401);
    const relogin = await post(login, '/auth/login', { email: user.email, password: 'long enough secret' });
    expect((await asCaller(me, 'GET', '/users/me', relogin.body.access_token)).status).toBe(200);
  });

  it('refuses a second logout with an already revoked token, so it cannot log out newer sessions', async () => {
    const user = await newUser();
    const { context } = await authorize(user.token);
    await asCaller(logout, 'POST', '/auth/logout', user.token);
    const fresh = (await post(login, '/auth/login', { email: user.email, password: 'long enough secret' }))
      .body.access_token as string;
    const again = await invoke(logout, {
      method: 'POST',
      resource: '/auth/logout',
      path: '/auth/logout',
      userId: String(context?.userId),
      tokenIssuedAt: Number(context?.issuedAt),
    });
    expect(again.status).toBe(401);
    expect((await asCaller(me, 'GET', '/users/me', fresh)).status).toBe(200);
  });
});

describe('key rotation', () => {
  it('logs nobody out: tokens signed before a rotation still verify after warm functions pick it up', async () => {
    const user = await newUser();
    const oldKid = decodeProtectedHeader(user.token).kid;
    let now = Date.now();
    const restore = useClock(() => now);
    try {
      // Act: rotate the token keys on disk (what the rotation function does to the secret), then let the cache expire.
      rotateLocalKeySet(dirname(process.env.TOKEN_KEYS_FILE!), 'token');
      now += KEY_SET_TTL_MS + 1000;
      const fresh = (await post(login, '/auth/login', { email: user.email, password: 'long enough secret' }))
        .body.access_token as string;
      // Assert
      expect(decodeProtectedHeader(fresh).kid).not.toBe(oldKid);
      expect((await authorize(user.token)).principalId).toBe(user.id);
      expect((await authorize(fresh)).principalId).toBe(user.id);
    } finally {
      restore();
    }
  });
});
