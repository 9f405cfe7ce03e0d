import type { APIGatewayProxyEvent } from 'aws-lambda';
import { apiVersionOf } from '../../domain/api-version';
import type { ApiState } from '../api-context';
import type { CachePolicy } from '../route-contract';
import { SECURITY_HEADERS } from '../security-headers';
import type { ApiMiddleware, ApiMiddlewareRequest } from './types';

/** The Cache-Control value of each policy (errors are always `no-store`). */
export const CACHE_CONTROL: Record<CachePolicy, string> = {
  'no-store': 'no-store',
  revalidate: 'private, no-cache',
  public: 'public, max-age=86400',
};

/**
 * The request's state before any other middleware runs: version, request id, lower-cased headers. Header
 * names are request data: they go into a null-prototype object, so a header called `__proto__` or
 * `constructor` is an entry like any other and never collides with Object.prototype.
 */
function initialState(event: APIGatewayProxyEvent): ApiState {
  const headers = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  return {
    version: apiVersionOf(event),
    requestId: event.requestContext.requestId,
    path: `/${event.requestContext.stage}${event.path.startsWith('/') ? event.path : `/${event.path}`}`,
    headers,
    userId: '',
    tokenIssuedAt: 0,
    body: undefined,
    query: {},
    params: {},
    requestHeaders: {},
    responseHeaders: {},
  };
}

/**
 * First in, last out: builds the request's state and stamps every response, errors included, with
 * X-Request-Id, the security headers and Cache-Control (`no-store` on errors, the route's policy otherwise).
 */
export function httpContext(cache: CachePolicy): ApiMiddleware {
  const httpContextBefore = (request: ApiMiddlewareRequest): void => {
    request.context.api = initialState(request.event);
  };
  const httpContextStamp = (request: ApiMiddlewareRequest): void => {
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
  return { before: httpContextBefore, after: httpContextStamp, onError: httpContextStamp };
}
