import fc from 'fast-check';
import { availableTokens, fullBucket, refill, tryTake, type TokenBucket } from '../../lib/local/token-bucket';

const throttle = { rateLimit: 10, burstLimit: 20 };

/** Sends `count` requests at `at` ms; returns how many were allowed and the bucket after. */
function burst(bucket: TokenBucket, count: number, at: number): { allowed: number; bucket: TokenBucket } {
  let allowed = 0;
  for (let i = 0; i < count; i++) {
    const result = tryTake(bucket, throttle, at);
    bucket = result.bucket;
    if (result.allowed) allowed++;
  }
  return { allowed, bucket };
}

describe('token bucket', () => {
  it('starts full: a whole burst passes at once, the next request does not', () => {
    // Arrange
    const bucket = fullBucket(throttle, 0);
    // Act
    const first = burst(bucket, throttle.burstLimit + 5, 0);
    // Assert
    expect(first.allowed).toBe(throttle.burstLimit);
  });

  it('refills at rateLimit tokens per second, continuously', () => {
    const empty = burst(fullBucket(throttle, 0), throttle.burstLimit, 0).bucket;
    expect(tryTake(empty, throttle, 99).allowed).toBe(false); // 0.99 tokens
    expect(tryTake(empty, throttle, 100).allowed).toBe(true); // 1 token after 100 ms at 10/s
    expect(burst(empty, 10, 500).allowed).toBe(5);
  });

  it('allows exactly the steady rate after the burst is spent', () => {
    let bucket = burst(fullBucket(throttle, 0), throttle.burstLimit, 0).bucket;
    let allowed = 0;
    for (let ms = 0; ms <= 10_000; ms += 10) {
      const result = tryTake(bucket, throttle, ms);
      bucket = result.bucket;
      if (result.allowed) allowed++;
    }
    expect(allowed).toBe(100); // 10 s at 10/s
  });

  it('never holds more than burstLimit tokens, however long it rests', () => {
    const rested = refill({ milliTokens: 0, updatedAt: 0 }, throttle, 86_400_000);
    expect(availableTokens(rested)).toBe(throttle.burstLimit);
  });

  it('adds nothing when the clock goes backwards', () => {
    const bucket = { milliTokens: 3000, updatedAt: 1000 };
    expect(refill(bucket, throttle, 500)).toEqual(bucket);
  });

  it('never admits more than burst + rate × elapsed over any request schedule', () => {
    fc.assert(
      fc.property(
        fc.record({
          rateLimit: fc.integer({ min: 1, max: 50 }),
          burstLimit: fc.integer({ min: 1, max: 100 }),
        }),
        fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 300 }),
        (limits, gaps) => {
          let bucket = fullBucket(limits, 0);
          let now = 0;
          let allowed = 0;
          for (const gap of gaps) {
            now += gap;
            const result = tryTake(bucket, limits, now);
            bucket = result.bucket;
            if (result.allowed) allowed++;
          }
          expect(allowed).toBeLessThanOrEqual(
            limits.burstLimit + Math.floor((limits.rateLimit * now) / 1000),
          );
        },
      ),
    );
  });
});
