/**
 * The authorizer's floor (bundled with the functions' options by bench/bundles.ts, never deployed): jose
 * verifying an HS256 JWT with a key as the token key set holds it, and
 * nothing else. The authorizer cannot import in less than this.
 */
import { hkdfSync } from 'node:crypto';
import { jwtVerify } from 'jose';

let key: Uint8Array | undefined;

/** Verifies the bearer token and returns its subject. */
export async function handler(event: { authorizationToken: string }): Promise<string | undefined> {
  const { payload } = await jwtVerify(event.authorizationToken.replace(/^Bearer +/i, ''), signingKey(), {
    algorithms: ['HS256'],
    issuer: 'task-api',
    audience: 'task-api-clients',
  });
  return payload.sub;
}

/** Derived on first use, as the authorizer derives its key. */
function signingKey(): Uint8Array {
  key ??= new Uint8Array(
    hkdfSync('sha256', process.env.SIGNING_SECRET ?? '', 'task-api', 'access-token', 32),
  );
  return key;
}
