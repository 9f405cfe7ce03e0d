import * as z from 'zod/mini';
import { requiredVersion, parseEntityTags } from '../domain/etag';
import { ProblemError } from '../errors/problem-error';
import '../util/zod-messages';
import { parseIdempotencyKey } from './idempotency-key';

/**
 * Request headers as route contracts declare them: each parses an optional header into what the handler
 * needs, and turns a malformed one into a validation issue whose message is the 400's detail.
 */
function optionalHeader<T>(parse: (value: string | undefined) => T, description: string) {
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
  return header.check(z.describe(description));
}

/** `Idempotency-Key`: the key (quotes of the structured-field form removed), or undefined when absent. */
export const IdempotencyKeyHeader = optionalHeader(
  parseIdempotencyKey,
  '1..255 printable ASCII, bare or quoted; replays the first answer for 24 h',
);

/** `If-Match`: the version a write requires (`'any'` for `*`), or undefined when absent. */
export const IfMatchHeader = optionalHeader(requiredVersion, 'An ETag: 412 unless it is current');

/** `If-None-Match`: the entity tags it names, or undefined when absent. */
export const IfNoneMatchHeader = optionalHeader(
  (value) => (value === undefined ? undefined : parseEntityTags(value, 'If-None-Match')),
  'An ETag: 304 when it is current',
);

/** The request headers of a conditional write (PUT, PATCH, DELETE of one task). */
export const ConditionalWriteHeaders = z.object({ 'If-Match': IfMatchHeader });
