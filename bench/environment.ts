import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTables, localFunctionEnv, localTableNames } from '../lib/local/create-tables';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../lib/local/dynamodb-local';
import { localKeySetFiles } from '../lib/local/key-set-files';
import type { TableName } from '../functions/shared/data/table-definitions';

/** The DynamoDB the benchmark owns: an in-memory DynamoDB Local with the real tables. */
export interface BenchEnvironment {
  endpoint: string;
  tables: Record<TableName, string>;
  /** The table Powertools' persistence layer uses for the peer of section 4 (bench only). */
  powertoolsTable: string;
  /** The variables the functions read (also applied to `process.env`); bundles get them too. */
  functionEnv: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Node 20 here, Node 22 in Lambda: the SDK's "Node 20 support ends" warning (printed by the first client
 * of every process, the bundles' too) is not something the deployed functions do.
 */
const QUIET_SDK = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

/** Fresh bench-only key sets in a temporary folder: tokens and cursors signed with them are valid nowhere else. */
const BENCH_KEYS_DIR = mkdtempSync(join(tmpdir(), 'task-api-bench-keys-'));

/**
 * Starts DynamoDB Local in memory, creates the tables and sets the functions' environment. Must run
 * before any handler module is imported: functions build their client and read env at first use.
 */
export async function startBenchEnvironment(): Promise<BenchEnvironment> {
  Object.assign(process.env, QUIET_SDK);
  const dynamodb = await startDynamoDbLocal();
  const tables = localTableNames(`bench-${process.pid}`);
  await createTables(dynamodb.endpoint, tables);
  const powertoolsTable = `bench-${process.pid}-powertools-idempotency`;
  await createPowertoolsTable(dynamodb.endpoint, powertoolsTable);
  const functionEnv = {
    ...localFunctionEnv(dynamodb.endpoint, tables, localKeySetFiles(BENCH_KEYS_DIR)),
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    LOG_LEVEL: 'silent',
    // The name Powertools' documentation gives the persistence layer's table (bench/peer/).
    IDEMPOTENCY_TABLE_NAME: powertoolsTable,
    ...QUIET_SDK,
  };
  Object.assign(process.env, functionEnv);
  hideMetricDocuments();
  return {
    endpoint: dynamodb.endpoint,
    tables,
    powertoolsTable,
    functionEnv,
    stop: () => dynamodb.stop(),
  };
}

/**
 * The functions write an EMF metrics document (one JSON line) per counted request whatever the log level:
 * the benchmark's tables are what it prints, so those lines are dropped from stdout (section 6 captures
 * and counts them itself, as log bytes).
 */
function hideMetricDocuments(): void {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk: string | Uint8Array, ...rest: unknown[]) =>
    typeof chunk === 'string' && chunk.startsWith('{"_aws"')
      ? true
      : (write as (...args: unknown[]) => boolean)(chunk, ...rest);
}

/** A low-level client for DynamoDB Local, for creating the bench-only tables. */
export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** The table Powertools' documentation deploys: partition key `id` (string), on demand. */
async function createPowertoolsTable(endpoint: string, tableName: string): Promise<void> {
  const client = localDynamoClient(endpoint);
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
  } finally {
    client.destroy();
  }
}
