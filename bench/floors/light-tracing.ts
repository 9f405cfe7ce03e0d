/** Section 7, what the functions do: logs and metrics plus their own X-Ray subsegments (`traceAwsClient`). */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../../functions/shared/observability/logger';
import { metrics } from '../../functions/shared/observability/metrics';
import { traceAwsClient } from '../../functions/shared/observability/tracing';
import { floorHandler } from './observed-client';

export const handler = middy(floorHandler(traceAwsClient)).use(injectLambdaContext(logger));
export const emf = metrics;
