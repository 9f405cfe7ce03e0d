import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { clock } from '../config/clock';
import { CLOCK_SKEW_LEEWAY_SECONDS, tokenConfig } from '../config/token-config';
import { keyById } from './key-set';
import { keySet } from './key-source';
import { newTokenId, tokenIdTime } from './token-id';

/** What a verified access token says. */
export interface AccessTokenClaims {
  userId: string;
  /** Expiry, epoch seconds. */
  expiresAt: number;
  /**
   * When it was issued, epoch milliseconds: the time part of its `jti` (a ULID). Logout revokes every token
   * issued up to an instant, which `iat`'s whole seconds could not tell apart from one issued just after.
   */
  issuedAtMs: number;
}

/**
 * A signed HS256 JWT for the user: `sub`, `iss`, `aud`, `iat`, `exp` (`iat` + the lifetime), a unique `jti`
 * (a ULID: its time part is the issue instant in ms), and in its header the `kid` of the key that signed.
 */
export async function issueAccessToken(userId: string): Promise<{ token: string; expiresIn: number }> {
  const { issuer, audience, ttlSeconds } = tokenConfig();
  const nowMs = clock.now();
  const now = Math.floor(nowMs / 1000);
  const { current } = await keySet('token');
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: current.kid })
    .setSubject(userId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setJti(newTokenId(nowMs))
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(current.key);
  return { token, expiresIn: ttlSeconds };
}

/**
 * Verifies the key (by `kid`, among the previous, current and next keys), signature and algorithm (HS256
 * only: `alg: none` and algorithm swaps are rejected), issuer, audience, expiry, and the token's age: issued
 * no more than its lifetime ago and not in the future (beyond a minute of clock skew), whatever its `exp`
 * says. Throws on any failure; callers answer 401 without saying which check failed.
 */
export async function verifyAccessToken(token: string): Promise<AccessTokenClaims> {
  const { issuer, audience, ttlSeconds } = tokenConfig();
  const key = keyById(await keySet('token'), decodeProtectedHeader(token).kid);
  if (!key) throw new Error('token signed with an unknown key');
  const nowMs = clock.now();
  const { payload } = await jwtVerify(token, key.key, {
    algorithms: ['HS256'],
    issuer,
    audience,
    requiredClaims: ['sub', 'exp', 'iat', 'jti'],
    currentDate: new Date(nowMs),
  });
  const { sub, exp, iat, jti } = payload;
  if (
    typeof sub !== 'string' ||
    typeof exp !== 'number' ||
    typeof iat !== 'number' ||
    typeof jti !== 'string'
  )
    throw new Error('token without subject, expiry, issue time or id');
  const now = Math.floor(nowMs / 1000);
  if (iat > now + CLOCK_SKEW_LEEWAY_SECONDS) throw new Error('token issued in the future');
  if (now - iat > ttlSeconds) throw new Error('token older than its lifetime');
  const issuedAtMs = tokenIdTime(jti);
  if (issuedAtMs === undefined || Math.floor(issuedAtMs / 1000) !== iat)
    throw new Error('token id does not match iat');
  return { userId: sub, expiresAt: exp, issuedAtMs };
}
