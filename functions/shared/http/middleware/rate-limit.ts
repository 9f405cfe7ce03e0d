import type middy from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { clock } from '../../config/clock';
import { countRequest } from '../../data/rate-limit-counter';
import type { ApiLambdaContext } from '../api-context';
import { ProblemError } from '../problem-error';
import type { ApiResponse } from '../response';

/** A per-client-IP limit: `limit` requests per fixed window of `windowSeconds`. */
export interface RateLimitPolicy {
  /** Policy name, as it appears in the RateLimit headers. */
  name: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Per-IP rate limit in the function (API Gateway's usage plans limit per API key, not per IP). Answers the
 * IETF httpapi RateLimit headers on every response and 429 + Retry-After past the limit. The client IP is
 * API Gateway's `identity.sourceIp`, never a client-supplied X-Forwarded-For.
 */
export function rateLimit(
  policy: RateLimitPolicy,
): middy.MiddlewareObj<APIGatewayProxyEvent, ApiResponse, Error, ApiLambdaContext> {
  const windowMs = policy.windowSeconds * 1000;
  return {
    before: async (request) => {
      const now = clock.now();
      const windowStart = Math.floor(now / windowMs) * windowMs;
      const windowEnd = windowStart + windowMs;
      const clientIp = request.event.requestContext.identity.sourceIp;
      const usage = await countRequest(policy.name, clientIp, policy.limit, windowStart, windowEnd);
      const resetSeconds = Math.max(1, Math.ceil((windowEnd - now) / 1000));
      Object.assign(request.context.api.responseHeaders, {
        'RateLimit-Policy': `"${policy.name}";q=${policy.limit};w=${policy.windowSeconds}`,
        RateLimit: `"${policy.name}";r=${usage.remaining};t=${resetSeconds}`,
      });
      if (!usage.allowed) {
        throw new ProblemError(
          'rate-limited',
          `At most ${policy.limit} requests per ${policy.windowSeconds} s from one client IP`,
          {
            headers: { 'Retry-After': String(resetSeconds) },
          },
        );
      }
    },
  };
}

/** A per-client-IP limit ready for the handler factory: its policy (for docs) and its middleware. */
export interface ClientIpLimit {
  policy: RateLimitPolicy;
  middleware: middy.MiddlewareObj<APIGatewayProxyEvent, ApiResponse, Error, ApiLambdaContext>;
}

/**
 * Builds a limit for `httpHandler({ rateLimit })`. Passing the built middleware (rather than a policy the
 * factory would turn into one) keeps the DynamoDB client out of the functions that have no limit.
 */
export function perClientIp(policy: RateLimitPolicy): ClientIpLimit {
  return { policy, middleware: rateLimit(policy) };
}
