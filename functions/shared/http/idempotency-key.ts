import { createHash } from 'node:crypto';
import { ProblemError } from '../errors/problem-error';
import { canonicalJson } from '../util/canonical-json';

const PRINTABLE_ASCII = /^[\x20-\x7e]{1,255}$/;

/**
 * The `Idempotency-Key` header's key, or undefined when absent. Accepts the IETF draft's structured-field
 * string (`"abc"`, with `\"` and `\\` escapes) and Stripe's bare token; the quotes are not part of the
 * key, so `"abc"` and `abc` are the same key. Anything else is a 400.
 */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  let key = value;
  if (value.startsWith('"')) {
    const quoted = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"$/.exec(value);
    if (!quoted) throw malformed();
    key = (quoted[1] ?? '').replace(/\\(["\\])/g, '$1');
  }
  if (!PRINTABLE_ASCII.test(key)) throw malformed();
  return key;
}

const malformed = () =>
  new ProblemError(
    'malformed-request',
    'Idempotency-Key must be 1..255 printable ASCII characters, bare or as a quoted string',
  );

/**
 * What makes two requests "the same": method, path (stage included) and the body's JSON value, with
 * object keys sorted (whitespace and key order do not make a different request; values do).
 */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method}\n${path}\n${canonicalJson(body)}`)
    .digest('base64url');
}
