/**
 * The SDK floor (bundled with the functions' options by bench/bundles.ts, never deployed): the DynamoDB
 * document client alone, constructed as functions/shared/data/dynamodb-client.ts constructs it, and one
 * command. Every function that touches data pays at least this on a cold start.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const endpoint = process.env.DYNAMODB_ENDPOINT;
const dynamo = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: process.env.AWS_REGION,
    maxAttempts: 3,
    requestHandler: endpoint
      ? { connectionTimeout: 5000, requestTimeout: 20_000 }
      : { connectionTimeout: 1000, requestTimeout: 3000 },
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  }),
  { marshallOptions: { removeUndefinedValues: true } },
);

/** One consistent read: the least a data-touching handler does. */
export async function handler(event: { pk: string; sk: string }): Promise<unknown> {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: process.env.TASKS_TABLE,
      Key: { pk: event.pk, sk: event.sk },
      ConsistentRead: true,
    }),
  );
  return Item;
}
