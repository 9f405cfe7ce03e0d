import { tableAttributes, tracedFetch } from '../observability/tracing';
import { signRequest } from '../util/sigv4';

/**
 * One DynamoDB call (JSON protocol over HTTPS, SigV4-signed) with the global `fetch`: what the authorizer
 * uses for its one read per cache miss, so the AWS SDK stays off its cold-start path. Credentials and region
 * are the Lambda runtime's environment variables; `DYNAMODB_ENDPOINT` points at DynamoDB Local.
 */
export type AttributeValue = { S: string } | { N: string } | { BOOL: boolean } | { NULL: true };

/** DynamoDB's error, by its `__type` short name (`ResourceNotFoundException`, …), with the HTTP status. */
export class DynamoDbFetchError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
  ) {
    super(`DynamoDB answered ${status} ${code}`);
    this.name = 'DynamoDbFetchError';
  }
}

export async function dynamoDbCall<T>(operation: 'GetItem', input: Record<string, unknown>): Promise<T> {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const url = new URL(process.env.DYNAMODB_ENDPOINT ?? `https://dynamodb.${region}.amazonaws.com/`);
  const body = JSON.stringify(input);
  const headers = signRequest(
    {
      url,
      region,
      service: 'dynamodb',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${operation}`,
      },
      body,
    },
    {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
      sessionToken: process.env.AWS_SESSION_TOKEN,
    },
    new Date(),
  );
  const { host: _host, ...sent } = headers; // fetch sets Host itself
  const response = await tracedFetch('DynamoDB', operation, tableAttributes(input), url, {
    method: 'POST',
    headers: sent,
    body,
    signal: AbortSignal.timeout(3000),
  });
  const text = await response.text();
  if (!response.ok) {
    const type = (JSON.parse(text || '{}') as { __type?: string }).__type ?? 'UnknownError';
    throw new DynamoDbFetchError(type.slice(type.lastIndexOf('#') + 1), response.status);
  }
  return JSON.parse(text) as T;
}
