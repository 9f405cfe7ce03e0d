import type middy from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { apiVersionOf } from '../../domain/api-version';
import type { ApiLambdaContext } from '../api-context';
import type { ApiResponse } from '../response';

export type CachePolicy = 'no-store' | 'revalidate';

const CACHE_CONTROL: Record<CachePolicy, string> = {
  'no-store': 'no-store',
  revalidate: 'private, no-cache',
};

/** Sent on every response a function produces. */
const SECURITY_HEADERS = {
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
};

type Request = middy.Request<APIGatewayProxyEvent, ApiResponse, Error, ApiLambdaContext>;

/**
 * First in, last out: builds the request's state (version, request id, normalized headers) and stamps
 * every response, errors included, with X-Request-Id, security and cache headers.
 */
export function httpContext(
  cache: CachePolicy,
): middy.MiddlewareObj<APIGatewayProxyEvent, ApiResponse, Error, ApiLambdaContext> {
  const stamp = (request: Request): void => {
    const response = request.response;
    if (!response) return;
    const isError = response.statusCode >= 400;
    response.headers = {
      ...request.context.api?.responseHeaders,
      ...response.headers,
      ...SECURITY_HEADERS,
      'Cache-Control': isError ? 'no-store' : CACHE_CONTROL[cache],
      'X-Request-Id': request.event.requestContext.requestId,
    };
  };
  return {
    before: (request) => {
      const { event } = request;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(event.headers ?? {})) {
        if (value !== undefined) headers[name.toLowerCase()] = value;
      }
      request.context.api = {
        version: apiVersionOf(event),
        requestId: event.requestContext.requestId,
        path: `/${event.requestContext.stage}${event.path.startsWith('/') ? event.path : `/${event.path}`}`,
        headers,
        userId: '',
        body: undefined,
        query: {},
        responseHeaders: {},
      };
    },
    after: stamp,
    onError: stamp,
  };
}
