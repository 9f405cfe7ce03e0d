/** Section 7: the SDK floor plus what every function pays for logs and metrics (Powertools Logger + Metrics). */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../../functions/shared/observability/logger';
import { metrics } from '../../functions/shared/observability/metrics';
import { floorHandler } from './observed-client';

export const handler = middy(floorHandler()).use(injectLambdaContext(logger));
export const emf = metrics;
