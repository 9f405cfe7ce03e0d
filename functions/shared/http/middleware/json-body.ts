import type middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ApiLambdaContext } from '../api-context';
import { ProblemError } from '../problem-error';
import type { ApiResponse } from '../response';

/** Bodies above this are refused before parsing (API.md: 413). */
export const MAX_BODY_BYTES = 64 * 1024;

const JSON_TYPE = /^application\/json\s*(;.*)?$/i;
const MERGE_PATCH_TYPE = /^application\/merge-patch\+json\s*(;.*)?$/i;

/**
 * Parses the JSON body: 413 over 64 KiB, 415 for a content type that is not JSON (merge-patch+json too on
 * PATCH), 400 when the JSON is malformed or missing. Parsing itself is middy's json-body-parser; we check
 * size and type first, so any failure it raises here can only be malformed JSON.
 */
export function jsonBody(options: {
  mergePatch: boolean;
}): middy.MiddlewareObj<APIGatewayProxyEvent, ApiResponse, Error, ApiLambdaContext> {
  // The option exists at runtime (middy 6) but not in its typings; we check the (case-insensitive) type above.
  const parser = httpJsonBodyParser({ disableContentTypeCheck: true } as Parameters<
    typeof httpJsonBodyParser
  >[0]);
  return {
    before: async (request) => {
      const { event } = request;
      const raw = event.body ?? '';
      const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64').length : Buffer.byteLength(raw);
      if (bytes > MAX_BODY_BYTES) {
        throw new ProblemError(
          'payload-too-large',
          `The body has ${bytes} bytes; the limit is ${MAX_BODY_BYTES}`,
        );
      }
      const contentType = request.context.api.headers['content-type'] ?? '';
      const accepted =
        JSON_TYPE.test(contentType) || (options.mergePatch && MERGE_PATCH_TYPE.test(contentType));
      if (!accepted) {
        const allowed = options.mergePatch
          ? 'application/json or application/merge-patch+json'
          : 'application/json';
        throw new ProblemError('unsupported-media-type', `Send the body as ${allowed}`);
      }
      if (bytes === 0) throw new ProblemError('malformed-request', 'A JSON body is required');
      try {
        await parser.before?.(request as never);
      } catch {
        throw new ProblemError('malformed-request', 'The body is not valid JSON');
      }
      request.context.api.body = event.body;
    },
  };
}
