import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { PROBLEM_BASE_URI, problemTypes, type ProblemKind } from '../../errors/problem-types';
import { ProblemError } from '../../errors/problem-error';
import { outcomeMetrics, type RouteMetrics } from '../../observability/api-metrics';
import { beginObservedInvocation } from '../../observability/invocation';
import { logger } from '../../observability/logger';
import { countMetric, metrics, publishRequestMetrics } from '../../observability/metrics';
import { ACCESS_LOG_MESSAGE, REQUEST_ID_KEY } from '../../observability/service';
import { endInvocationTrace } from '../../observability/tracing';
import { PROBLEM_CONTENT_TYPE, type ApiResponse } from '../response';
import type { ApiMiddleware, ApiMiddlewareRequest } from './types';

/** What the observing middleware needs to know about its route (a subset of its contract). */
export interface ObservedRoute {
  readonly id: string;
  readonly path: string;
  readonly metrics?: RouteMetrics;
}

/** True for the first request this process serves: what Lambda calls a cold start. */
let firstRequest = true;

/** The problem kind of an answer: from the thrown ProblemError, else from the problem+json body. */
function problemKindOf(error: unknown, response: ApiResponse | undefined): ProblemKind | undefined {
  if (error instanceof ProblemError) return error.kind;
  if (!response || response.statusCode < 400 || response.headers['Content-Type'] !== PROBLEM_CONTENT_TYPE)
    return undefined;
  try {
    const type: unknown = (JSON.parse(response.body) as { type?: unknown }).type;
    const kind = typeof type === 'string' ? type.slice(PROBLEM_BASE_URI.length) : '';
    return kind in problemTypes ? (kind as ProblemKind) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Powertools Logger's middy middleware (Lambda context, `cold_start`, debug sampling; keys reset after
 * each request; the event is never logged: it holds the body and the bearer token), then the request's
 * own observation:
 *
 * - before: the request's log keys (`request_id` = API Gateway's request id = `X-Request-Id`, `stage`,
 *   `route`, `user_id` when the authorizer named one), the metrics' `stage` dimension, the trace;
 * - after (errors included, so it must be outermost): one access line (method, resource, path, status,
 *   latency, problem type; the error and its stack on a 5xx, at level ERROR), the request's metrics
 *   derived from its answer (`api-metrics.ts`) published as one EMF document, the trace sent.
 *
 * Never logged: bodies, headers, query strings, tokens, passwords.
 */
export function observe(route: ObservedRoute): ApiMiddleware[] {
  const startedAt = new WeakMap<object, number>();

  const observeBefore = (request: ApiMiddlewareRequest): void => {
    startedAt.set(request, performance.now());
    const coldStart = firstRequest;
    firstRequest = false;
    const { requestId, stage, authorizer } = request.event.requestContext;
    const userId: unknown = authorizer?.userId;
    logger.appendKeys({
      [REQUEST_ID_KEY]: requestId,
      stage,
      route: route.id,
      ...(typeof userId === 'string' && userId !== '' ? { user_id: userId } : {}),
    });
    metrics.addMetadata(REQUEST_ID_KEY, requestId);
    beginObservedInvocation(route.id, stage, coldStart);
    logger.debug('request started', { method: request.event.httpMethod, path: request.event.path });
  };

  const observeAfter = async (request: ApiMiddlewareRequest): Promise<void> => {
    const { error } = request;
    const response = request.response ?? undefined;
    const status = response?.statusCode;
    const problem = problemKindOf(error, response);
    const started = startedAt.get(request);
    const fields = {
      method: request.event.httpMethod,
      resource: route.path,
      path: request.event.requestContext.path,
      status,
      latency_ms: started === undefined ? undefined : Math.round((performance.now() - started) * 100) / 100,
      ...(problem ? { error_type: problem } : {}),
      ...(error instanceof ProblemError && error.status < 500 ? { error_detail: error.detail } : {}),
    };
    // No answer at all means the error escaped every handler: Lambda reports it, API Gateway answers 502.
    if (status === undefined || status >= 500) logger.error(ACCESS_LOG_MESSAGE, { ...fields, error });
    else logger.info(ACCESS_LOG_MESSAGE, fields);

    const replayed = response?.headers['Idempotent-Replayed'] === 'true';
    for (const metric of outcomeMetrics(route.metrics, { status: status ?? 500, replayed, problem })) {
      countMetric(metric);
    }
    publishRequestMetrics();
    await endInvocationTrace({ status, error });
  };

  return [
    injectLambdaContext(logger, { resetKeys: true, logEvent: false }),
    { before: observeBefore, after: observeAfter, onError: observeAfter },
  ] as ApiMiddleware[];
}
