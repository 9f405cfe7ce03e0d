import { jwtVerify, SignJWT } from 'jose';
import { clock } from '../config/clock';
import { env } from '../config/env';
import { signingKeys } from './signing-keys';

/** What a verified access token says. */
export interface AccessTokenClaims {
  userId: string;
  /** Expiry, epoch seconds. */
  expiresAt: number;
}

/** A signed HS256 JWT for the user, valid ACCESS_TOKEN_TTL_SECONDS. */
export async function issueAccessToken(userId: string): Promise<{ token: string; expiresIn: number }> {
  const { JWT_ISSUER, JWT_AUDIENCE, ACCESS_TOKEN_TTL_SECONDS } = env();
  const now = Math.floor(clock.now() / 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + ACCESS_TOKEN_TTL_SECONDS)
    .sign((await signingKeys()).accessToken);
  return { token, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
}

/**
 * Verifies signature, algorithm (HS256 only: `alg: none` and algorithm swaps are rejected), issuer,
 * audience and expiry. Throws on any failure; callers answer 401 without saying which check failed.
 */
export async function verifyAccessToken(token: string): Promise<AccessTokenClaims> {
  const { JWT_ISSUER, JWT_AUDIENCE } = env();
  const { payload } = await jwtVerify(token, (await signingKeys()).accessToken, {
    algorithms: ['HS256'],
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
    requiredClaims: ['sub', 'exp'],
    currentDate: new Date(clock.now()),
  });
  if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number')
    throw new Error('token without subject or expiry');
  return { userId: payload.sub, expiresAt: payload.exp };
}
