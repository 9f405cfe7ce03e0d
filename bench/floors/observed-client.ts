/**
 * The SDK floor's client and handler, with an optional hook on the low-level client: the floor itself
 * (dynamodb-client.ts, no hook) and the observability variants of section 7 (a hook each) are built from
 * this one definition, so they differ from the floor only by what they add.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

export function floorHandler(wrap: (client: DynamoDBClient) => DynamoDBClient = (client) => client) {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const dynamo = DynamoDBDocumentClient.from(
    wrap(
      new DynamoDBClient({
        region: process.env.AWS_REGION,
        maxAttempts: 3,
        requestHandler: endpoint
          ? { connectionTimeout: 5000, requestTimeout: 20_000 }
          : { connectionTimeout: 1000, requestTimeout: 3000 },
        ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      }),
    ),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return async (event: { pk: string; sk: string }): Promise<unknown> => {
    const { Item } = await dynamo.send(
      new GetCommand({
        TableName: process.env.TASKS_TABLE,
        Key: { pk: event.pk, sk: event.sk },
        ConsistentRead: true,
      }),
    );
    return Item;
  };
}
