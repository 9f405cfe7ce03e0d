import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { env } from '../config/env';
import { traceAwsClient } from '../observability/tracing';

/**
 * One DynamoDB document client per cold start, shared by every repository. Retries are bounded and
 * timeouts short, so a struggling database becomes a quick 503 rather than a Lambda timeout. Every call is
 * traced (an X-Ray subsegment when the request is sampled, a debug log line).
 */
function createClient(): DynamoDBDocumentClient {
  const { AWS_REGION, DYNAMODB_ENDPOINT } = env();
  const client = new DynamoDBClient({
    region: AWS_REGION,
    maxAttempts: 3,
    // In Lambda one instance serves one request: DynamoDB answers in milliseconds, so 3 s means trouble.
    // Locally every function shares one process and DynamoDB Local is far slower under a burst: give it time.
    requestHandler: DYNAMODB_ENDPOINT
      ? { connectionTimeout: 5000, requestTimeout: 20_000 }
      : { connectionTimeout: 1000, requestTimeout: 3000 },
    ...(DYNAMODB_ENDPOINT
      ? { endpoint: DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  traceAwsClient(client);
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export const dynamo: DynamoDBDocumentClient = createClient();
