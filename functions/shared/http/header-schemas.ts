import * as z from 'zod/mini';
import { requiredVersion, parseEntityTags } from '../domain/etag';
import { ProblemError } from '../errors/problem-error';
import '../util/zod-messages';
import { parseIdempotencyKey } from './idempotency-key';

/**
 * Request headers as route contracts declare them: each parses an optional header into what the handler
 * needs, and turns a malformed one into a validation issue whose message is the 400's detail.
 */
function optionalHeader<T>(
  parse: (value: string | undefined) => T,
  description: string,
  /** How the header reads on the wire, for the reference (JSON Schema keywords); parsing is `parse`'s. */
  wire: { readonly maxLength: number; readonly pattern: string },
) {
  const header = z.pipe(
    z.optional(z.string()),
    z.transform((value: string | undefined, context) => {
      try {
        return parse(value);
      } catch (error) {
        if (!(error instanceof ProblemError)) throw error;
        context.issues.push({ code: 'custom', message: error.detail, input: value });
        return z.NEVER;
      }
    }),
  );
  return header.check(z.describe(description), z.meta(wire));
}

/** `Idempotency-Key`: the key (quotes of the structured-field form removed), or undefined when absent. */
export const IdempotencyKeyHeader = optionalHeader(
  parseIdempotencyKey,
  '1..255 printable ASCII, bare or quoted; replays the first answer for 24 h',
  // A quoted key may escape each of its 255 characters: 2 × 255 + 2 quotes.
  { maxLength: 512, pattern: '^[\\x20-\\x7E]+$' },
);

/** `*`, or a comma-separated list of entity tags (strong or weak). */
const ENTITY_TAGS = { maxLength: 1024, pattern: '^(?:\\*|(?:W/)?"[^"]*"(?:\\s*,\\s*(?:W/)?"[^"]*")*)$' };

/** `If-Match`: the version a write requires (`'any'` for `*`), or undefined when absent. */
export const IfMatchHeader = optionalHeader(
  requiredVersion,
  'An ETag: 412 unless it is current',
  ENTITY_TAGS,
);

/** `If-None-Match`: the entity tags it names, or undefined when absent. */
export const IfNoneMatchHeader = optionalHeader(
  (value) => (value === undefined ? undefined : parseEntityTags(value, 'If-None-Match')),
  'An ETag: 304 when it is current',
  ENTITY_TAGS,
);

/** The request headers of a conditional write (PUT, PATCH, DELETE of one task). */
export const ConditionalWriteHeaders = z.object({ 'If-Match': IfMatchHeader });
