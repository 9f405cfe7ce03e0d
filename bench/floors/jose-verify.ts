/**
 * The authorizer's floor (bundled with the functions' options by bench/bundles.ts, never deployed): the
 * least a user writes to verify an HS256 JWT with jose — `jwtVerify` with the secret as bytes, the
 * algorithm, issuer and audience pinned — and nothing else. No key derivation, no `node:crypto` import
 * (jose verifies with WebCrypto), no logging: the authorizer cannot import in less than this.
 */
import { jwtVerify } from 'jose';

const key = new TextEncoder().encode(process.env.SIGNING_SECRET ?? '');

/** Verifies the bearer token and returns its subject. */
export async function handler(event: { authorizationToken: string }): Promise<string | undefined> {
  const { payload } = await jwtVerify(event.authorizationToken.replace(/^Bearer +/i, ''), key, {
    algorithms: ['HS256'],
    issuer: 'task-api',
    audience: 'task-api-clients',
  });
  return payload.sub;
}
