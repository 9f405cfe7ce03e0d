/** Bearer tokens an attacker or a stale client might send, built with the API's real signing setup. */
import { randomBytes } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { ulid } from 'ulid';
import { keySet } from '../../../functions/shared/auth/key-source';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = (userId: string, exp: number, iat = exp - 3600) => ({
  sub: userId,
  iss: 'task-api',
  aud: 'task-api-clients',
  iat,
  jti: ulid(iat * 1000),
  exp,
});
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

/** An unsigned token (`alg: none`), with and without a fake signature segment. */
export function algNoneTokens(userId: string): string[] {
  const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims(userId, inAnHour()))}`;
  return [`${unsigned}.`, `${unsigned}.${base64url('sig')}`];
}

/** A well-formed HS256 token signed with a key the API does not use (under the current key's id). */
export async function wrongKeyToken(userId: string): Promise<string> {
  const { current } = await keySet('token');
  return new SignJWT(claims(userId, inAnHour()))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: current.kid })
    .sign(randomBytes(32));
}

/** A token signed with the API's real current key, with these claims (defaults: valid for an hour). */
export async function signedToken(userId: string, overrides: Partial<JWTPayload> = {}): Promise<string> {
  const { current } = await keySet('token');
  return new SignJWT({ ...claims(userId, inAnHour()), ...overrides })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: current.kid })
    .sign(current.key);
}

/** A token signed with the API's real key, expired an hour ago. */
export function expiredToken(userId: string): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) - 3600;
  return signedToken(userId, claims(userId, exp));
}
