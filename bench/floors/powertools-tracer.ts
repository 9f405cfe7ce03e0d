/**
 * The road not taken: logs and metrics plus Powertools Tracer, capturing the DynamoDB client and the
 * handler as its docs show (`captureAWSv3Client`, the middy middleware). Bench only (a dev dependency).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logger } from '../../functions/shared/observability/logger';
import { metrics } from '../../functions/shared/observability/metrics';

const tracer = new Tracer({ serviceName: 'task-api' });
export const client = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})));
export const observability = {
  logger,
  metrics,
  middleware: [injectLambdaContext(logger), captureLambdaHandler(tracer)],
};
