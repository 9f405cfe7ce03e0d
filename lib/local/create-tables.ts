import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  type CreateTableCommandInput,
  type Projection,
} from '@aws-sdk/client-dynamodb';
import {
  TABLE_NAMES,
  tableDefinitions,
  type GlobalIndexDefinition,
  type TableDefinition,
  type TableName,
} from '../../functions/shared/data/table-definitions';
import { LOCAL_CORS_ORIGINS_DEFAULT } from '../config/cors';

/** Physical names for local tables: a prefix and the table's name in kebab case (`task-api-local-rate-limits`). */
export function localTableNames(prefix = 'task-api-local'): Record<TableName, string> {
  const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return Object.fromEntries(TABLE_NAMES.map((name) => [name, `${prefix}-${kebab(name)}`])) as Record<
    TableName,
    string
  >;
}

const projectionOf = (index: GlobalIndexDefinition): Projection =>
  typeof index.projection === 'string'
    ? { ProjectionType: index.projection }
    : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection.include] };

/** The CreateTable request for a definition: the same keys and indexes CDK deploys. */
export function createTableInput(definition: TableDefinition, tableName: string): CreateTableCommandInput {
  const attributes = new Set([
    definition.partitionKey,
    ...(definition.sortKey ? [definition.sortKey] : []),
    ...definition.localIndexes.map((index) => index.sortKey),
    ...definition.globalIndexes.flatMap((index) => [
      index.partitionKey,
      ...(index.sortKey ? [index.sortKey] : []),
    ]),
  ]);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
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
    ...(definition.globalIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: definition.globalIndexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
              ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' as const }] : []),
            ],
            Projection: projectionOf(index),
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
    for (const name of TABLE_NAMES) {
      try {
        await client.send(new DescribeTableCommand({ TableName: names[name] }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
        await client.send(new CreateTableCommand(createTableInput(tableDefinitions[name], names[name])));
      }
    }
  } finally {
    client.destroy();
  }
}

/**
 * The environment the functions read, pointing at local tables (each under its definition's variable) and
 * at the local key-set files (`localKeySetFiles`), with the origins the local gateway allows too
 * (`CORS_ORIGINS`, any by default). Credentials too, as the Lambda runtime gives its role's: the authorizer
 * signs its DynamoDB read itself (no SDK to fall back on a default), and DynamoDB Local refuses an empty
 * access key; a developer's own AWS credentials are never used against it.
 */
export function localFunctionEnv(
  endpoint: string,
  names: Record<TableName, string>,
  keySetFiles: Record<string, string>,
): Record<string, string> {
  return {
    ...Object.fromEntries(TABLE_NAMES.map((name) => [tableDefinitions[name].envVar, names[name]])),
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    CORS_ORIGINS: process.env.CORS_ORIGINS ?? LOCAL_CORS_ORIGINS_DEFAULT,
    ...keySetFiles,
  };
}
