import { nodeCrypto } from '../util/node-crypto';

/**
 * A versioned signing-key set, as stored in one secret (Secrets Manager in the cloud, a file under `.data/`
 * locally): the key that signs now (`current`), the one it replaced (`previous`, still verifying what it
 * signed) and the one that will replace it (`next`, already verifying). Every signed value names its key
 * (`kid`), so a rotation (previous ← current ← next ← new) logs nobody out and breaks no cursor, and a
 * function whose cached copy is a rotation behind still verifies what fresher functions sign.
 *
 * A secret created by the stack holds only `{"seed": "<random>"}` until its first rotation: the three keys
 * are then derived from the seed (HKDF), the same way everywhere, and the first rotation keeps them.
 */
export interface SigningKey {
  readonly kid: string;
  readonly key: Uint8Array;
}

export interface KeySet {
  readonly previous: SigningKey;
  readonly current: SigningKey;
  readonly next: SigningKey;
}

/** The stored form: keys as base64url. */
interface StoredKey {
  kid: string;
  key: string;
}
type StoredKeySet = Record<keyof KeySet, StoredKey>;

/** HMAC-SHA256 keys: 256 bits. */
const KEY_BYTES = 32;
const SLOTS = ['previous', 'current', 'next'] as const;

/** A fresh random key with a random id. */
export function newSigningKey(): SigningKey {
  const { randomBytes } = nodeCrypto();
  return { kid: randomBytes(9).toString('base64url'), key: new Uint8Array(randomBytes(KEY_BYTES)) };
}

/** A complete, fresh key set (local first run, tests). */
export const newKeySet = (): KeySet => ({
  previous: newSigningKey(),
  current: newSigningKey(),
  next: newSigningKey(),
});

/** The key set after one rotation: the next key signs, the current one still verifies, a new one waits. */
export const rotateKeySet = (set: KeySet, fresh: SigningKey = newSigningKey()): KeySet => ({
  previous: set.current,
  current: set.next,
  next: fresh,
});

/** The key a value names, among the three; undefined for any other id (retired or forged). */
export function keyById(set: KeySet, kid: unknown): SigningKey | undefined {
  if (typeof kid !== 'string') return undefined;
  return SLOTS.map((slot) => set[slot]).find((candidate) => candidate.kid === kid);
}

function fromSeed(seed: string): KeySet {
  const { createHash, hkdfSync } = nodeCrypto();
  const derive = (slot: string): SigningKey => {
    const key = new Uint8Array(hkdfSync('sha256', seed, 'task-api-key-set', slot, KEY_BYTES));
    const kid = createHash('sha256').update(key).digest('base64url').slice(0, 12);
    return { kid, key };
  };
  return { previous: derive('previous'), current: derive('current'), next: derive('next') };
}

const isStoredKey = (value: unknown): value is StoredKey =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as StoredKey).kid === 'string' &&
  (value as StoredKey).kid.length > 0 &&
  typeof (value as StoredKey).key === 'string';

/** Reads a stored key set (or a seed); throws a message naming what is wrong, never the key material. */
export function parseKeySet(text: string): KeySet {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('The key set is not JSON');
  }
  if (typeof value !== 'object' || value === null) throw new Error('The key set is not a JSON object');
  const stored = value as Partial<StoredKeySet> & { seed?: unknown };
  if (SLOTS.every((slot) => stored[slot] === undefined)) {
    if (typeof stored.seed === 'string' && stored.seed.length >= 32) return fromSeed(stored.seed);
    throw new Error('The key set has neither keys nor a seed of at least 32 characters');
  }
  const keys = SLOTS.map((slot) => {
    const entry = stored[slot];
    if (!isStoredKey(entry)) throw new Error(`The key set's ${slot} key is missing or malformed`);
    const key = new Uint8Array(Buffer.from(entry.key, 'base64url'));
    if (key.length < KEY_BYTES)
      throw new Error(`The key set's ${slot} key is shorter than ${KEY_BYTES} bytes`);
    return { kid: entry.kid, key };
  });
  const [previous, current, next] = keys as [SigningKey, SigningKey, SigningKey];
  if (new Set(keys.map((key) => key.kid)).size !== keys.length) throw new Error('The key set repeats a kid');
  return { previous, current, next };
}

/** The stored form of a key set. */
export function serializeKeySet(set: KeySet): string {
  const stored = Object.fromEntries(
    SLOTS.map((slot) => [
      slot,
      { kid: set[slot].kid, key: Buffer.from(set[slot].key).toString('base64url') },
    ]),
  ) as StoredKeySet;
  return JSON.stringify(stored);
}
