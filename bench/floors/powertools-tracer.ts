/**
 * Section 7, the road not taken: logs and metrics plus Powertools Tracer, set up as its documentation
 * shows (`captureAWSv3Client`, the middy middleware). Bench only: the Tracer is a dev dependency.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { logger } from '../../functions/shared/observability/logger';
import { metrics } from '../../functions/shared/observability/metrics';
import { floorHandler } from './observed-client';

const tracer = new Tracer({ serviceName: 'task-api' });
export const handler = middy(floorHandler((client) => tracer.captureAWSv3Client(client)))
  .use(injectLambdaContext(logger))
  .use(captureLambdaHandler(tracer));
export const emf = metrics;
