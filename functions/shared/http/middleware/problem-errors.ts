import { isDatabaseUnavailable } from '../../data/database-errors';
import { problemBody } from '../../errors/problem-body';
import { ProblemError } from '../../errors/problem-error';
import { problemResponse } from '../problem-response';
import type { ApiMiddleware, ApiMiddlewareRequest } from './types';

/**
 * The one place errors become HTTP answers (RFC 9457 problem+json). A ProblemError says what to answer;
 * an unavailable database is a 503 with Retry-After; anything else is a generic 500, and nothing internal
 * (stack, SDK error, table name) reaches the client. The request's access line (middleware/observe.ts)
 * logs the error in full, with its stack, under the request id.
 */
export function problemErrors(): ApiMiddleware {
  const problemErrorsOnError = (request: ApiMiddlewareRequest): void => {
    const error = request.error;
    const requestId = request.event.requestContext.requestId;
    const instance = request.context.api?.path;
    if (error instanceof ProblemError) {
      request.response = problemResponse(
        problemBody(error.kind, error.detail, {
          instance,
          requestId,
          ...(error.extras.errors ? { errors: error.extras.errors } : {}),
        }),
        { ...error.extras.headers },
      );
      return;
    }
    if (isDatabaseUnavailable(error)) {
      request.response = problemResponse(
        problemBody('service-unavailable', 'The service is temporarily unavailable; retry later', {
          instance,
          requestId,
        }),
        { 'Retry-After': '1' },
      );
      return;
    }
    request.response = problemResponse(
      problemBody('internal-error', 'An unexpected error occurred; quote the request_id if you report it', {
        instance,
        requestId,
      }),
    );
  };
  return { onError: problemErrorsOnError };
}
