/** Bearer tokens an attacker or a stale client might send, built with the API's real signing setup. */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { signingKeys } from '../../../functions/shared/auth/signing-keys';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = (userId: string, exp: number) => ({
  sub: userId,
  iss: 'task-api',
  aud: 'task-api-clients',
  iat: exp - 3600,
  exp,
});
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

/** An unsigned token (`alg: none`), with and without a fake signature segment. */
export function algNoneTokens(userId: string): string[] {
  const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims(userId, inAnHour()))}`;
  return [`${unsigned}.`, `${unsigned}.${base64url('sig')}`];
}

/** A well-formed HS256 token signed with a key the API does not use. */
export function wrongKeyToken(userId: string): Promise<string> {
  return new SignJWT(claims(userId, inAnHour()))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(randomBytes(32));
}

/** A token signed with the API's real key, expired an hour ago. */
export async function expiredToken(userId: string): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) - 3600;
  return new SignJWT(claims(userId, exp))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign((await signingKeys()).accessToken);
}
