import { clock } from '../../config/clock';
import { ProblemError } from '../../errors/problem-error';
import type { ApiMiddleware, ApiMiddlewareRequest } from './types';

/**
 * The caller's user id, put in the request context by the bearer-token authorizer (the gateway ran it
 * before the function). The gateway caches the authorizer's answer for minutes, so the token's expiry
 * (also in the context) is checked again here: an expired token is a 401 even while its policy is cached.
 * A route wired without the authorizer fails closed with a 401. The token's issue instant is kept for the
 * handlers that can check revocation for free (they read the profile it is stored on).
 */
export function authenticated(): ApiMiddleware {
  const authenticatedBefore = (request: ApiMiddlewareRequest): void => {
    const authorizer = request.event.requestContext.authorizer;
    const userId: unknown = authorizer?.userId;
    // API Gateway may deliver context numbers as strings.
    const expiresAt = Number(authorizer?.expiresAt);
    if (typeof userId !== 'string' || userId === '' || !(expiresAt * 1000 > clock.now())) {
      throw new ProblemError('unauthorized', 'A valid, unexpired bearer token is required', {
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      });
    }
    request.context.api.userId = userId;
    // The token's issue instant (ms), for the checks of revocation that cost nothing extra (GET /users/me).
    request.context.api.tokenIssuedAt = Number(authorizer?.issuedAt) || 0;
  };
  return { before: authenticatedBefore };
}
