/**
 * `npm run invoke -- <FunctionId> <event.json>`: runs one function in-process, like `sam local invoke`,
 * and prints its result as JSON. FunctionId is a route contract's id (functions/routes.ts: GetTask, ...) or
 * `Authorizer`; sample events live in test/events/<FunctionId>.json. Uses the DynamoDB at
 * DYNAMODB_ENDPOINT (e.g. the one `npm start` runs: same tables), or an in-memory DynamoDB Local.
 *
 * `{{accessToken}}` anywhere in the event becomes a valid access token for the event's
 * `requestContext.authorizer.userId` (or `local-sample-user`), so the Authorizer sample verifies.
 *
 * Like `sam local invoke`, the function's own output (its JSON log lines and EMF metric documents, what
 * CloudWatch Logs would receive) goes to stderr and the result to stdout, so `> result.json` keeps only it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { authorizer, routes } from '../functions/routes';
import { createTables, localFunctionEnv, localTableNames } from '../lib/local/create-tables';
import { startDynamoDbLocal, type DynamoDbLocal } from '../lib/local/dynamodb-local';
import { handlerLoader, REPOSITORY_ROOT } from '../lib/local/handler-modules';
import { prepareLambdaRuntime } from '../lib/local/lambda-runtime';
import { lambdaContext } from '../lib/local/proxy-event';
import { localKeySetFiles } from '../lib/local/key-set-files';

const TOKEN_PLACEHOLDER = '{{accessToken}}';

const functions: ReadonlyMap<string, string> = new Map([
  ...routes.map((route) => [route.id, route.entry] as const),
  [authorizer.id, authorizer.entry],
]);

function usage(message: string): never {
  console.error(
    `${message}\nUsage: npm run invoke -- <FunctionId> <event.json>\nFunctionId: ${[...functions.keys()].join(', ')}`,
  );
  process.exit(2);
}

/** Replaces the token placeholder with a real token (after the environment is set: it signs with it). */
async function withAccessToken(eventText: string): Promise<string> {
  if (!eventText.includes(TOKEN_PLACEHOLDER)) return eventText;
  const { issueAccessToken } = await import('../functions/shared/auth/access-tokens');
  const parsed = JSON.parse(eventText) as { requestContext?: { authorizer?: { userId?: unknown } } };
  const userId = parsed.requestContext?.authorizer?.userId;
  const { token } = await issueAccessToken(typeof userId === 'string' ? userId : 'local-sample-user');
  return eventText.replaceAll(TOKEN_PLACEHOLDER, token);
}

/** Sends everything written to stdout from now on to stderr; returns a printer for the real stdout. */
function functionOutputToStderr(): (text: string) => void {
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  const stderrWrite: typeof process.stdout.write = process.stderr.write.bind(process.stderr);
  process.stdout.write = stderrWrite;
  return (text) => void stdoutWrite(`${text}\n`);
}

async function main(): Promise<number> {
  const [functionId, eventFile] = process.argv.slice(2);
  if (!functionId || !eventFile) usage('Missing arguments.');
  const entry = functions.get(functionId) ?? usage(`Unknown FunctionId ${functionId}.`);
  const eventText = readFileSync(resolve(eventFile), 'utf8');

  let dynamodb: DynamoDbLocal | undefined;
  try {
    let endpoint = process.env.DYNAMODB_ENDPOINT;
    if (!endpoint) {
      dynamodb = await startDynamoDbLocal();
      endpoint = dynamodb.endpoint;
    }
    const tableNames = localTableNames('task-api-local');
    await createTables(endpoint, tableNames);
    Object.assign(
      process.env,
      localFunctionEnv(endpoint, tableNames, localKeySetFiles(join(REPOSITORY_ROOT, '.data'))),
    );
    // Before any function module loads (the token placeholder loads some): they read the runtime's variables.
    await prepareLambdaRuntime();
    const printResult = functionOutputToStderr();

    const event: unknown = JSON.parse(await withAccessToken(eventText));
    const handler = await handlerLoader()(entry);
    try {
      const result = await handler(event, lambdaContext(functionId));
      printResult(JSON.stringify(result, null, 2));
      return 0;
    } catch (error) {
      // What Lambda reports for a function error (the authorizer's "Unauthorized" is one).
      const failure =
        error instanceof Error
          ? { errorType: error.name, errorMessage: error.message }
          : { errorType: 'Error', errorMessage: String(error) };
      printResult(JSON.stringify(failure, null, 2));
      return 1;
    }
  } finally {
    await dynamodb?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
