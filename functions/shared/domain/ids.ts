import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/**
 * Time-ordered ids (ULID): their order is creation order, so `created_at` sorts on the primary key.
 * Monotonic within a millisecond. Random bits come from a pooled CSPRNG buffer: ulid's default asks the
 * OS for one byte per character, a measurable share of a create's CPU time.
 */
const pool = Buffer.alloc(4096);
let offset = pool.length;

function pooledRandom(): number {
  if (offset >= pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  // 256 is a multiple of 32, so ulid's floor(x * 32) stays uniform.
  return pool[offset++]! / 256;
}

const next = monotonicFactory(pooledRandom);

/** A new id whose timestamp part is `timeMs`. */
export const newId = (timeMs: number): string => next(timeMs);
