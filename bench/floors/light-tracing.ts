/** What the functions do: logs and metrics plus their own X-Ray subsegments (`traceAwsClient`). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger } from '../../functions/shared/observability/logger';
import { metrics } from '../../functions/shared/observability/metrics';
import { traceAwsClient } from '../../functions/shared/observability/tracing';

export const client = DynamoDBDocumentClient.from(traceAwsClient(new DynamoDBClient({})));
export const observability = { logger, metrics, middleware: injectLambdaContext(logger) };
