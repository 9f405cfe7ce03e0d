import middy from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { z } from 'zod';
import type { ApiLambdaContext, ApiRequest } from './api-context';
import { authenticated } from './middleware/authenticated';
import { httpContext, type CachePolicy } from './middleware/http-context';
import { jsonBody } from './middleware/json-body';
import { problemErrors } from './middleware/problem-errors';
import { rateLimit, type RateLimitPolicy } from './middleware/rate-limit';
import { validate, type Versioned } from './middleware/validate';
import type { ApiResponse } from './response';

export interface HandlerOptions<BodySchema extends z.ZodType | undefined, QuerySchema extends z.ZodType | undefined> {
  /** Requires the authorizer's user id (every route under /users and /tasks). */
  auth: boolean;
  /** `no-store` for auth answers; `revalidate` (private, no-cache) for task answers. */
  cache: CachePolicy;
  body?: Versioned<NonNullable<BodySchema>>;
  query?: Versioned<NonNullable<QuerySchema>>;
  /** Also accept `application/merge-patch+json` bodies (PATCH). */
  mergePatch?: boolean;
  /** Per-client-IP limit enforced in the function (auth routes). */
  rateLimit?: RateLimitPolicy;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * The one factory every endpoint is built with. It owns the middleware order, so no handler repeats it:
 * context + response headers (outermost), problem+json errors, rate limit, auth, JSON body, validation,
 * then the plain handler, which receives a typed, validated `ApiRequest`.
 */
export function httpHandler<BodySchema extends z.ZodType | undefined = undefined, QuerySchema extends z.ZodType | undefined = undefined>(
  options: HandlerOptions<BodySchema, QuerySchema>,
  handler: (request: ApiRequest<Infer<BodySchema>, Infer<QuerySchema>>) => Promise<ApiResponse>,
) {
  const lambda = middy<APIGatewayProxyEvent, ApiResponse, Error, ApiLambdaContext>()
    .use(httpContext(options.cache))
    .use(problemErrors());
  if (options.rateLimit) lambda.use(rateLimit(options.rateLimit));
  if (options.auth) lambda.use(authenticated());
  if (options.body) lambda.use(jsonBody({ mergePatch: options.mergePatch ?? false }));
  lambda.use(validate({ body: options.body, query: options.query }));
  return lambda.handler((event, context) => {
    const api = context.api;
    return handler({
      event,
      version: api.version,
      requestId: api.requestId,
      path: api.path,
      headers: api.headers,
      userId: api.userId,
      body: api.body as Infer<BodySchema>,
      query: api.query as Infer<QuerySchema>,
      pathParameters: event.pathParameters ?? {},
    });
  });
}
