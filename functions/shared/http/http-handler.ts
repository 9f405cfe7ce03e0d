import middy from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { z } from 'zod';
import type { ApiLambdaContext, ApiRequest } from './api-context';
import { authenticated } from './middleware/authenticated';
import { httpContext, type CachePolicy } from './middleware/http-context';
import { jsonBody } from './middleware/json-body';
import { problemErrors } from './middleware/problem-errors';
import type { ClientIpLimit, RateLimitPolicy } from './middleware/rate-limit';
import { validate, type Versioned } from './middleware/validate';
import type { ApiResponse } from './response';

/** A schema per API version (v1 and v2 accept different fields). */
type VersionedSchemas = Versioned<z.ZodType>;

export interface HandlerOptions<
  Body extends VersionedSchemas | undefined,
  Query extends VersionedSchemas | undefined,
> {
  /** Requires the authorizer's user id (every route under /users and /tasks). */
  auth: boolean;
  /** `no-store` for auth answers; `revalidate` (private, no-cache) for task answers. */
  cache: CachePolicy;
  body?: Body;
  query?: Query;
  /** Also accept `application/merge-patch+json` bodies (PATCH). */
  mergePatch?: boolean;
  /** Per-client-IP limit enforced in the function (auth routes), built with `perClientIp`. */
  rateLimit?: ClientIpLimit;
  /** The success answer, for the generated OpenAPI documents (no body: 204/304-style answers). */
  success: { status: number; body?: VersionedSchemas; description: string };
}

/** What a built handler declares about itself: read by the OpenAPI generator. */
export interface HandlerContract {
  body?: VersionedSchemas;
  query?: VersionedSchemas;
  mergePatch: boolean;
  auth: boolean;
  rateLimit?: RateLimitPolicy;
  success: HandlerOptions<undefined, undefined>['success'];
}

/** What the handler receives: the output of either version's schema. */
type Infer<S> = S extends VersionedSchemas ? z.infer<S['v1']> | z.infer<S['v2']> : undefined;

/**
 * The one factory every endpoint is built with. It owns the middleware order, so no handler repeats it:
 * context + response headers (outermost), problem+json errors, rate limit, auth, JSON body, validation,
 * then the plain handler, which receives a typed, validated `ApiRequest`.
 */
export function httpHandler<
  Body extends VersionedSchemas | undefined = undefined,
  Query extends VersionedSchemas | undefined = undefined,
>(
  options: HandlerOptions<Body, Query>,
  handler: (request: ApiRequest<Infer<Body>, Infer<Query>>) => Promise<ApiResponse>,
) {
  const lambda = middy<APIGatewayProxyEvent, ApiResponse, Error, ApiLambdaContext>()
    .use(httpContext(options.cache))
    .use(problemErrors());
  if (options.rateLimit) lambda.use(options.rateLimit.middleware);
  if (options.auth) lambda.use(authenticated());
  if (options.body) lambda.use(jsonBody({ mergePatch: options.mergePatch ?? false }));
  lambda.use(validate({ body: options.body, query: options.query }));
  const contract: HandlerContract = {
    ...(options.body ? { body: options.body } : {}),
    ...(options.query ? { query: options.query } : {}),
    mergePatch: options.mergePatch ?? false,
    auth: options.auth,
    ...(options.rateLimit ? { rateLimit: options.rateLimit.policy } : {}),
    success: options.success,
  };
  const built = lambda.handler((event, context) => {
    const api = context.api;
    return handler({
      event,
      version: api.version,
      requestId: api.requestId,
      path: api.path,
      headers: api.headers,
      userId: api.userId,
      body: api.body as Infer<Body>,
      query: api.query as Infer<Query>,
      pathParameters: event.pathParameters ?? {},
    });
  });
  return Object.assign(built, { contract });
}
