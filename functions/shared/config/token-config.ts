/**
 * What access tokens are checked against, read once from the environment. Parsed by hand rather than with
 * zod (env.ts): the authorizer imports this, and its cold start is budgeted against a jose-only bundle.
 */
export interface TokenConfig {
  readonly issuer: string;
  readonly audience: string;
  /** Lifetime of an access token, seconds: a token older than this is refused whatever its `exp` says. */
  readonly ttlSeconds: number;
}

/** How far in the future a token's `iat` may be (clocks of different hosts differ slightly). */
export const CLOCK_SKEW_LEEWAY_SECONDS = 60;

let cached: TokenConfig | undefined;

export function tokenConfig(): TokenConfig {
  if (cached) return cached;
  const ttlText = process.env.ACCESS_TOKEN_TTL_SECONDS ?? '3600';
  const ttlSeconds = Number(ttlText);
  if (!/^\d+$/.test(ttlText) || ttlSeconds < 60 || ttlSeconds > 86_400)
    throw new Error(
      'Invalid function configuration: ACCESS_TOKEN_TTL_SECONDS: a whole number from 60 to 86400',
    );
  cached = {
    issuer: process.env.JWT_ISSUER || 'task-api',
    audience: process.env.JWT_AUDIENCE || 'task-api-clients',
    ttlSeconds,
  };
  return cached;
}
