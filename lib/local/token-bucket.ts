/**
 * Token-bucket math, as API Gateway throttles: a bucket holds at most `burstLimit` tokens, refills at
 * `rateLimit` tokens per second, starts full, and each request takes one token. Pure functions of
 * (bucket, throttle, time in ms), so limits are testable without sleeping.
 *
 * Tokens are counted in thousandths: a rate of r tokens/s adds exactly r milli-tokens per ms, so integer
 * rates never accumulate floating-point error (ten refills of 0.1 token do make one token).
 */
import type { Throttle } from '../config/usage-plans';

export interface TokenBucket {
  /** Thousandths of a token available at `updatedAt`. */
  readonly milliTokens: number;
  /** Epoch ms of the last refill. */
  readonly updatedAt: number;
}

const ONE_TOKEN = 1000;

/** A new bucket: full, as a client that has been quiet may send a whole burst at once. */
export function fullBucket(throttle: Throttle, now: number): TokenBucket {
  return { milliTokens: throttle.burstLimit * ONE_TOKEN, updatedAt: now };
}

/** The bucket at `now`: topped up by the time elapsed, never above capacity; a clock going back adds nothing. */
export function refill(bucket: TokenBucket, throttle: Throttle, now: number): TokenBucket {
  if (now <= bucket.updatedAt) return bucket;
  const milliTokens = Math.min(
    throttle.burstLimit * ONE_TOKEN,
    bucket.milliTokens + (now - bucket.updatedAt) * throttle.rateLimit,
  );
  return { milliTokens, updatedAt: now };
}

/** Whole tokens available (for diagnostics and tests). */
export function availableTokens(bucket: TokenBucket): number {
  return Math.floor(bucket.milliTokens / ONE_TOKEN);
}

/** Whether the bucket (already refilled to now) has a whole token for one more request. */
export function hasToken(bucket: TokenBucket): boolean {
  return bucket.milliTokens >= ONE_TOKEN;
}

/** The bucket after one request has taken its token. */
export function takeToken(bucket: TokenBucket): TokenBucket {
  return { milliTokens: bucket.milliTokens - ONE_TOKEN, updatedAt: bucket.updatedAt };
}

/** Refill, then take one token when there is one: the whole decision for a single bucket. */
export function tryTake(
  bucket: TokenBucket,
  throttle: Throttle,
  now: number,
): { allowed: boolean; bucket: TokenBucket } {
  const current = refill(bucket, throttle, now);
  return hasToken(current)
    ? { allowed: true, bucket: takeToken(current) }
    : { allowed: false, bucket: current };
}
