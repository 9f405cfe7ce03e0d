/** Latency samples and their summary, in milliseconds. */
export interface Summary {
  n: number;
  p50: number;
  p90: number;
  mean: number;
}

/** Nearest-rank percentile of unsorted samples (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** p50, p90 and mean of the samples. */
export function summarize(samples: readonly number[]): Summary {
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return { n: samples.length, p50: percentile(samples, 50), p90: percentile(samples, 90), mean };
}

/** The p50 of the samples. */
export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Milliseconds since `start` (a `process.hrtime.bigint()` reading). */
export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** Times one call of `run`. */
export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await run();
  return { ms: elapsedMs(start), result };
}

/**
 * One way of doing the measured thing: it prepares its input (untimed: e.g. builds the API Gateway
 * event) and returns the call to time.
 */
export type Variant = () => () => Promise<unknown>;

/**
 * Runs the variants in turn, `iterations` rounds after `warmup` untimed rounds, rotating which variant
 * goes first each round, so that machine noise and warm caches fall on all of them alike. Returns each
 * variant's samples (ms), by name.
 */
export async function interleave(
  variants: Record<string, Variant>,
  iterations: number,
  warmup: number,
): Promise<Record<string, number[]>> {
  const names = Object.keys(variants);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < warmup + iterations; round++) {
    for (let offset = 0; offset < names.length; offset++) {
      const name = names[(round + offset) % names.length]!;
      const { ms } = await timed(variants[name]!());
      if (round >= warmup) samples[name]!.push(ms);
    }
  }
  return samples;
}
