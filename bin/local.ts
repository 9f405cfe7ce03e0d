/**
 * `npm start`: the whole API on this machine. Starts DynamoDB Local (persisted under .data/dynamodb)
 * unless DYNAMODB_ENDPOINT names another DynamoDB, creates the tables, and serves both stages through the
 * local gateway on 127.0.0.1:${PORT:-3000}. Ctrl-C or SIGTERM stops the server and the Java process.
 *
 * The functions' logs and metrics (what CloudWatch would receive) are shown one readable line per request
 * (lib/local/log-view.ts); `npm start -- --json-logs` or `LOG_FORMAT=json` shows them as they are.
 */
import { join } from 'node:path';
import { createTables, localFunctionEnv, localTableNames } from '../lib/local/create-tables';
import { startDynamoDbLocal, type DynamoDbLocal } from '../lib/local/dynamodb-local';
import { startGateway, type RunningGateway } from '../lib/local/gateway';
import { REPOSITORY_ROOT } from '../lib/local/handler-modules';
import { localKeySetFiles } from '../lib/local/key-set-files';
import { createLogView, type LogFormat, type LogView, type Stream } from '../lib/local/log-view';
import { localApiKeys } from '../lib/config/usage-plans';
import { sunsetOf } from '../functions/shared/config/sunset';
import { API_VERSIONS } from '../functions/shared/domain/api-version';

const DATA_DIR = join(REPOSITORY_ROOT, '.data');

let dynamodb: DynamoDbLocal | undefined;
let gateway: RunningGateway | undefined;
let stopping: Promise<void> | undefined;

function stop(exitCode: number): Promise<void> {
  stopping ??= (async () => {
    await gateway?.close().catch(() => undefined);
    await dynamodb?.stop().catch(() => undefined);
    process.exit(exitCode);
  })();
  return stopping;
}

function port(name: string, fallback?: number): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new Error(`${name} must be a TCP port, got ${raw}`);
  return value;
}

function logFormat(): LogFormat {
  if (process.argv.includes('--json-logs')) return 'json';
  const format = process.env.LOG_FORMAT ?? 'pretty';
  if (format !== 'json' && format !== 'pretty')
    throw new Error(`LOG_FORMAT must be json or pretty, got ${format}`);
  return format;
}

/**
 * Routes everything this process writes (the functions run in it, as Lambda would run them in theirs)
 * through the log view, which writes to the real stdout and stderr.
 */
function showOutputThrough(format: LogFormat): LogView {
  const writers: Record<Stream, (line: string) => boolean> = {
    stdout: process.stdout.write.bind(process.stdout),
    stderr: process.stderr.write.bind(process.stderr),
  };
  const view = createLogView(format, (line, stream) => writers[stream](`${line}\n`));
  for (const stream of ['stdout', 'stderr'] as const) {
    process[stream].write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
      view.functionOutput(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'), stream);
      const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    };
  }
  return view;
}

async function main(): Promise<void> {
  const view = showOutputThrough(logFormat());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      console.log(`\n${signal}: stopping the gateway and DynamoDB Local…`);
      void stop(0);
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(error);
    void stop(1);
  });

  // A malformed sunset date (V1_SUNSET) stops the start here, rather than failing every v1 request.
  for (const version of API_VERSIONS) sunsetOf(version);

  let endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    dynamodb = await startDynamoDbLocal({ dbPath: join(DATA_DIR, 'dynamodb'), port: port('DYNAMODB_PORT') });
    endpoint = dynamodb.endpoint;
  }
  const tableNames = localTableNames('task-api-local');
  await createTables(endpoint, tableNames);
  // Before any handler module loads: the functions read their configuration once, at first use.
  Object.assign(process.env, localFunctionEnv(endpoint, tableNames, localKeySetFiles(DATA_DIR)));

  gateway = await startGateway({
    port: port('PORT', 3000),
    host: '127.0.0.1',
    log: (line) => console.error(line),
    accessLog: (entry) => view.gatewayAccess(entry),
  });
  const keys = [...localApiKeys()].map(([key, plan]) => `${key} (${plan} plan)`).join(', ');
  console.log(
    [
      `Task API is running (ready in ${process.uptime().toFixed(1)} s)`,
      `  v1:        ${gateway.url}/v1`,
      `  v2:        ${gateway.url}/v2`,
      `  API keys:  ${keys}   — send as x-api-key`,
      `  DynamoDB:  ${endpoint}${dynamodb ? ' (DynamoDB Local, data in .data/dynamodb)' : ''}`,
      `  Docs:      ${gateway.url}/v2/docs (interactive; v1: ${gateway.url}/v1/docs)`,
      `  OpenAPI:   ${gateway.url}/v2/openapi.json, ${gateway.url}/v1/openapi.json (OpenAPI 3.1)`,
      '',
      'Try it:',
      `  curl -s ${gateway.url}/v1/health`,
      `  curl -s -X POST ${gateway.url}/v2/auth/register -H 'x-api-key: ${[...localApiKeys().keys()][0] ?? ''}' \\`,
      `       -H 'content-type: application/json' -d '{"email":"me@example.com","password":"correct horse battery"}'`,
      '',
      'Ctrl-C to stop.',
    ].join('\n'),
  );
}

main().catch(async (error: unknown) => {
  console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
});
