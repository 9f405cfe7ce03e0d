import middy from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ApiLambdaContext, ApiRequest } from './api-context';
import { authenticated } from './middleware/authenticated';
import { deprecationSignals } from './middleware/deprecation';
import { cors } from './middleware/cors';
import { httpContext } from './middleware/http-context';
import { jsonBody } from './middleware/json-body';
import { observe } from './middleware/observe';
import { problemErrors } from './middleware/problem-errors';
import type { ApiMiddleware } from './middleware/types';
import { validate } from './middleware/validate';
import type { ApiResponse } from './response';
import { bodyMediaTypes, type RateLimitPolicy, type RouteContract } from './route-contract';

/**
 * What a handler file wires in beside its contract: middleware whose code the factory must not import
 * for every function. Required exactly when the contract declares the feature (the compiler checks it).
 */
interface Wiring {
  /** Builds the per-client-IP limit middleware (`clientIpRateLimit`) for the contract's `rateLimit`. */
  rateLimiter: (policy: RateLimitPolicy) => ApiMiddleware;
}
type WiringFor<C extends RouteContract> = C extends { readonly rateLimit: RateLimitPolicy } ? [Wiring] : [];

/**
 * The one factory every endpoint is built with. It reads the route's contract and owns the middleware
 * order, so no handler repeats it: logs, metrics and traces (outermost: they see every answer), context +
 * response headers, CORS, a deprecated version's signals, problem+json errors, per-IP rate limit,
 * bearer-token auth, JSON body, validation, then the plain handler, which receives a typed, validated
 * `ApiRequest`.
 */
export function httpHandler<C extends RouteContract>(
  route: C,
  handle: (request: ApiRequest<C>) => Promise<ApiResponse>,
  ...wiring: WiringFor<C>
) {
  const [wired] = wiring as [Wiring?];
  const lambda = middy<APIGatewayProxyEvent, ApiResponse, Error, ApiLambdaContext>()
    .use(observe(route))
    .use(httpContext(route.cache))
    .use(cors())
    .use(deprecationSignals())
    .use(problemErrors());
  if (route.rateLimit) {
    if (!wired) throw new Error(`${route.id} declares a rate limit but its handler wires no rateLimiter`);
    lambda.use(wired.rateLimiter(route.rateLimit));
  }
  if (route.auth === 'jwt') lambda.use(authenticated());
  if (route.request?.body) lambda.use(jsonBody(bodyMediaTypes(route)));
  lambda.use(validate(route.request));
  return lambda.handler((event, context) => {
    const api = context.api;
    return handle({
      event,
      version: api.version,
      requestId: api.requestId,
      path: api.path,
      userId: api.userId,
      tokenIssuedAt: api.tokenIssuedAt,
      body: api.body,
      query: api.query,
      params: api.params,
      headers: api.requestHeaders,
    } as ApiRequest<C>);
  });
}
