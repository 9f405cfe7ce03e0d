import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { logger } from '../observability/logger';
import { beginObservedInvocation } from '../observability/invocation';
import { countMetric, publishRequestMetrics } from '../observability/metrics';
import { AUTHORIZER_LOG_MESSAGE } from '../observability/service';
import { endInvocationTrace } from '../observability/tracing';

type Authorize = (event: APIGatewayTokenAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;
type AuthorizerRequest = middy.Request<APIGatewayTokenAuthorizerEvent, APIGatewayAuthorizerResult>;

/** `arn:…:execute-api:region:account:apiId/stage/METHOD/path…` → its stage, method and path. */
function methodOf(methodArn: string): { stage?: string; method?: string; path?: string } {
  const [, stage, method, ...path] = methodArn.split('/');
  return { stage, method, path: `/${path.join('/')}` };
}

/**
 * How a refusal ended: `rejected` when the token itself was refused (exactly `Unauthorized`, API Gateway's
 * 401: malformed, expired, forged, revoked…), with the reason its `cause` gives (jose's code, our check's
 * sentence, never the token); `failed` for anything else (the key set or DynamoDB could not be read): a
 * 5xx for the client and an operator's problem.
 */
function refusalOf(error: Error): { decision: 'rejected'; reason: string } | { decision: 'failed' } {
  if (error.message !== 'Unauthorized') return { decision: 'failed' };
  const cause: unknown = error.cause;
  if (cause === undefined) return { decision: 'rejected', reason: 'malformed' };
  if (typeof cause === 'string') return { decision: 'rejected', reason: cause };
  const { code, message } = cause as { code?: unknown; message?: unknown };
  return { decision: 'rejected', reason: typeof code === 'string' ? code : String(message) };
}

/**
 * The bearer-token authorizer's wrapping, as `httpHandler` is the routes': Powertools Logger context, one
 * log line per invocation (`allowed` with the user id, `rejected` with the reason, `failed` with the error
 * at level ERROR; never the token), `TokensRejected` / `AuthorizerFailures` metrics and the trace. The
 * authorizer keeps API Gateway's contract: it throws exactly `Unauthorized` to refuse (the reason as the
 * error's `cause`), anything else when it cannot decide.
 */
export function authorizerHandler(contract: { readonly id: string }, authorize: Authorize) {
  const startedAt = new WeakMap<object, number>();
  let firstRequest = true;

  const before = (request: AuthorizerRequest): void => {
    startedAt.set(request, performance.now());
    const { stage = 'unknown', method, path } = methodOf(request.event.methodArn ?? '');
    logger.appendKeys({ stage, route: contract.id, method, path });
    beginObservedInvocation(contract.id, stage, firstRequest);
    firstRequest = false;
  };

  const latency = (request: AuthorizerRequest): number | undefined => {
    const started = startedAt.get(request);
    return started === undefined ? undefined : Math.round((performance.now() - started) * 100) / 100;
  };

  const after = async (request: AuthorizerRequest): Promise<void> => {
    const userId = request.response?.principalId;
    logger.info(AUTHORIZER_LOG_MESSAGE, {
      decision: 'allowed',
      user_id: userId,
      latency_ms: latency(request),
    });
    publishRequestMetrics();
    await endInvocationTrace({ status: 200 });
  };

  const onError = async (request: AuthorizerRequest): Promise<void> => {
    const error = request.error ?? new Error('Unauthorized');
    const refusal = refusalOf(error);
    if (refusal.decision === 'rejected') {
      logger.info(AUTHORIZER_LOG_MESSAGE, { ...refusal, latency_ms: latency(request) });
      countMetric('TokensRejected');
    } else {
      logger.error(AUTHORIZER_LOG_MESSAGE, { ...refusal, latency_ms: latency(request), error });
      countMetric('AuthorizerFailures');
    }
    publishRequestMetrics();
    await endInvocationTrace(refusal.decision === 'rejected' ? { status: 401 } : { status: 500, error });
  };

  return middy<APIGatewayTokenAuthorizerEvent, APIGatewayAuthorizerResult>(authorize)
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .use({ before, after, onError });
}
