import { nodeCrypto } from '../util/node-crypto';

/**
 * Access-token ids (`jti`): ULIDs (Crockford base32, 26 characters: 10 of time in ms, 16 of randomness), so
 * an id is unique and says when its token was issued to the millisecond. Written out here rather than taken
 * from the `ulid` package, whose import alone costs the authorizer a noticeable share of its cold start.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** A new token id whose time part is `timeMs`. */
export function newTokenId(timeMs: number): string {
  let time = '';
  for (let rest = timeMs, index = 0; index < 10; index++, rest = Math.floor(rest / 32))
    time = ALPHABET[rest % 32]! + time;
  const random = Array.from(nodeCrypto().randomBytes(16), (byte) => ALPHABET[byte % 32]!).join('');
  return time + random;
}

/** The issue instant (ms) a token id holds, or undefined when it is not a ULID. */
export function tokenIdTime(id: string): number | undefined {
  if (!ULID.test(id)) return undefined;
  let time = 0;
  for (const char of id.slice(0, 10)) time = time * 32 + ALPHABET.indexOf(char);
  return time;
}
