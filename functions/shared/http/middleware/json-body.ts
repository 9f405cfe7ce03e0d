import httpJsonBodyParser from '@middy/http-json-body-parser';
import { ProblemError } from '../../errors/problem-error';
import type { BodyMediaType } from '../route-contract';
import type { ApiMiddleware, ApiMiddlewareRequest } from './types';

/** Bodies above this are refused before parsing: 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The media type of a Content-Type header value, lower-cased, without parameters. */
const mediaTypeOf = (contentType: string): string => (contentType.split(';')[0] ?? '').trim().toLowerCase();

/**
 * Parses the JSON body: 413 over 64 KiB, 415 for a content type the route does not take, 400 when the
 * JSON is malformed or missing. Parsing itself is middy's json-body-parser; we check size and type first,
 * so any failure it raises here can only be malformed JSON.
 */
export function jsonBody(mediaTypes: readonly BodyMediaType[]): ApiMiddleware {
  // The option exists at runtime (middy 6) but not in its typings; we check the (case-insensitive) type above.
  const parser = httpJsonBodyParser({ disableContentTypeCheck: true } as Parameters<
    typeof httpJsonBodyParser
  >[0]);
  const accepted: ReadonlySet<string> = new Set(mediaTypes);
  const jsonBodyBefore = async (request: ApiMiddlewareRequest): Promise<void> => {
    const { event } = request;
    const raw = event.body ?? '';
    const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64').length : Buffer.byteLength(raw);
    if (bytes > MAX_BODY_BYTES) {
      throw new ProblemError(
        'payload-too-large',
        `The body has ${bytes} bytes; the limit is ${MAX_BODY_BYTES}`,
      );
    }
    if (!accepted.has(mediaTypeOf(request.context.api.headers['content-type'] ?? ''))) {
      throw new ProblemError('unsupported-media-type', `Send the body as ${mediaTypes.join(' or ')}`);
    }
    if (bytes === 0) throw new ProblemError('malformed-request', 'A JSON body is required');
    try {
      await parser.before?.(request as never);
    } catch {
      throw new ProblemError('malformed-request', 'The body is not valid JSON');
    }
    request.context.api.body = event.body;
  };
  return { before: jsonBodyBefore };
}
