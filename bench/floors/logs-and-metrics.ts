/** The floor plus what every function pays for logs and metrics: Powertools Logger (middy) and Metrics. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger } from '../../functions/shared/observability/logger';
import { metrics } from '../../functions/shared/observability/metrics';

export const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const observability = { logger, metrics, middleware: injectLambdaContext(logger) };
