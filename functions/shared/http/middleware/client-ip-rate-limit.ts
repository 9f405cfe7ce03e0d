import { clock } from '../../config/clock';
import { countRequest } from '../../data/rate-limit-counter';
import { ProblemError } from '../../errors/problem-error';
import { countMetric } from '../../observability/metrics';
import type { RateLimitPolicy } from '../route-contract';
import type { ApiMiddleware, ApiMiddlewareRequest } from './types';

/**
 * Per-client-IP rate limit in the function (API Gateway's usage plans limit per API key, not per IP). Answers
 * the IETF httpapi RateLimit headers on every response and 429 + Retry-After past the limit. The client IP is
 * API Gateway's `identity.sourceIp`, never a client-supplied X-Forwarded-For.
 *
 * Handlers pass this to the handler factory themselves (routes whose contract declares a `rateLimit`), so
 * the DynamoDB client it needs stays out of the bundles of functions without a limit.
 */
export function clientIpRateLimit(policy: RateLimitPolicy): ApiMiddleware {
  const windowMs = policy.windowSeconds * 1000;
  const clientIpRateLimitBefore = async (request: ApiMiddlewareRequest): Promise<void> => {
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
      countMetric('IpRateLimitHits');
      throw new ProblemError(
        'rate-limited',
        `At most ${policy.limit} requests per ${policy.windowSeconds} s from one client IP`,
        { headers: { 'Retry-After': String(resetSeconds) } },
      );
    }
  };
  return { before: clientIpRateLimitBefore };
}
