// Before anything loads the AWS SDK (see env.ts).
import './env';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../../lib/local/dynamodb-local';
import { localKeySetFiles } from '../../lib/local/key-set-files';
import { createTables, localFunctionEnv, localTableNames } from '../../lib/local/create-tables';

/**
 * Once per `npm test`: an in-memory DynamoDB Local with the real tables. Workers inherit the environment
 * set here (endpoint, table names, a test signing secret). DYNAMODB_ENDPOINT set by the caller reuses an
 * existing DynamoDB instead.
 */
export default async function globalSetup(): Promise<void> {
  let endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) {
    const dynamodb = await startDynamoDbLocal();
    (globalThis as { __DYNAMODB_LOCAL__?: unknown }).__DYNAMODB_LOCAL__ = dynamodb;
    endpoint = dynamodb.endpoint;
  }
  const names = localTableNames(`test-${process.pid}`);
  await createTables(endpoint, names);
  Object.assign(
    process.env,
    localFunctionEnv(endpoint, names, localKeySetFiles(mkdtempSync(join(tmpdir(), 'task-api-test-keys-')))),
    // scrypt at 2^14 instead of 2^17: every e2e sign-up hashes and verifies; production cost is asserted apart.
    // Logs and EMF metric documents stay out of the test output; the tests about them turn them back on.
    { LOG_LEVEL: 'silent', POWERTOOLS_METRICS_DISABLED: 'true', SCRYPT_LOG2_N: '14' },
  );
}
