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
  /** The variables the functions read (also applied to `process.env`); bundles get them too. */
  functionEnv: Record<string, string>;
  stop(): Promise<void>;
}

/** Fresh bench-only key sets in a temporary folder: tokens and cursors signed with them are valid nowhere else. */
const BENCH_KEYS_DIR = mkdtempSync(join(tmpdir(), 'task-api-bench-keys-'));

/**
 * Starts DynamoDB Local in memory, creates the tables and sets the functions' environment. Must run
 * before any handler module is imported: functions build their client and read env at first use.
 */
export async function startBenchEnvironment(): Promise<BenchEnvironment> {
  const dynamodb = await startDynamoDbLocal();
  const tables = localTableNames(`bench-${process.pid}`);
  await createTables(dynamodb.endpoint, tables);
  const functionEnv = {
    ...localFunctionEnv(dynamodb.endpoint, tables, localKeySetFiles(BENCH_KEYS_DIR)),
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    LOG_LEVEL: 'silent',
  };
  Object.assign(process.env, functionEnv);
  return { endpoint: dynamodb.endpoint, tables, functionEnv, stop: () => dynamodb.stop() };
}
