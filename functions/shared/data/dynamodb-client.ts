import { DynamoDBClient, DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { env } from '../config/env';

/**
 * One DynamoDB document client per cold start, shared by every repository. Retries are bounded and
 * timeouts short, so a struggling database becomes a quick 503 rather than a Lambda timeout.
 */
function createClient(): DynamoDBDocumentClient {
  const { AWS_REGION, DYNAMODB_ENDPOINT } = env();
  const client = new DynamoDBClient({
    region: AWS_REGION,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 3000 },
    ...(DYNAMODB_ENDPOINT
      ? { endpoint: DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export const dynamo: DynamoDBDocumentClient = createClient();

/**
 * True when DynamoDB could not serve the request (throttled, unavailable, unreachable): the client should
 * retry later (503), as opposed to a bug (500).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DynamoDBServiceException) {
    return (
      error.$retryable !== undefined || error.$fault === 'server' || error.$metadata.httpStatusCode === 503
    );
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return (
      code === 'ECONNREFUSED' ||
      code === 'ECONNRESET' ||
      code === 'ETIMEDOUT' ||
      error.name === 'TimeoutError'
    );
  }
  return false;
}
