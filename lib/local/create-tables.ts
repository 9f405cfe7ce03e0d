import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { tables, type TableDefinition, type TableName } from '../../functions/shared/data/table-definitions';

/** Physical names for local tables: the definition's id with a prefix (so several stacks can share one DynamoDB). */
export function localTableNames(prefix = 'task-api-local'): Record<TableName, string> {
  return {
    tasks: `${prefix}-tasks`,
    idempotency: `${prefix}-idempotency`,
    rateLimits: `${prefix}-rate-limits`,
  };
}

/** The CreateTable request for a definition: the same keys and indexes CDK deploys. */
export function createTableInput(definition: TableDefinition, tableName: string): CreateTableCommandInput {
  const attributes = [
    definition.partitionKey,
    ...(definition.sortKey ? [definition.sortKey] : []),
    ...definition.localIndexes.map((index) => index.sortKey),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: definition.partitionKey, KeyType: 'HASH' },
      ...(definition.sortKey ? [{ AttributeName: definition.sortKey, KeyType: 'RANGE' as const }] : []),
    ],
    ...(definition.localIndexes.length > 0
      ? {
          LocalSecondaryIndexes: definition.localIndexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: definition.partitionKey, KeyType: 'HASH' as const },
              { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
            ],
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  };
}

/** Creates every table that does not exist yet (idempotent: data persists between `npm start` runs). */
export async function createTables(endpoint: string, names: Record<TableName, string>): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const [name, definition] of Object.entries(tables) as [TableName, TableDefinition][]) {
      try {
        await client.send(new DescribeTableCommand({ TableName: names[name] }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
        await client.send(new CreateTableCommand(createTableInput(definition, names[name])));
      }
    }
  } finally {
    client.destroy();
  }
}

/** The environment the functions read, pointing at local tables. */
export function localFunctionEnv(
  endpoint: string,
  names: Record<TableName, string>,
  signingSecret: string,
): Record<string, string> {
  return {
    TASKS_TABLE: names.tasks,
    IDEMPOTENCY_TABLE: names.idempotency,
    RATE_LIMIT_TABLE: names.rateLimits,
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    SIGNING_SECRET: signingSecret,
  };
}
