/**
 * The authorizer's floor with what every function must carry (issue 11): the jose floor (jose-verify.ts)
 * wrapped in middy with Powertools Logger's context middleware, plus the functions' Powertools Metrics
 * instance. The authorizer's budget is against the jose floor; this row says how much of the gap is the
 * logs and metrics themselves rather than the authorizer's own code.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../../functions/shared/observability/logger';
import { metrics } from '../../functions/shared/observability/metrics';
import { handler as verify } from './jose-verify';

export const handler = middy(verify).use(injectLambdaContext(logger));
export const emf = metrics;
