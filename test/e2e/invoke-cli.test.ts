import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** `npm run invoke -- <FunctionId> <event.json>`: the `sam local invoke` equivalent, against DynamoDB Local. */
const root = join(__dirname, '..', '..');
const run = promisify(execFile);

/** The test process's environment without AWS credentials: a fresh machine has none. */
const withoutCredentials = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => !/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)$/.test(name),
  ),
);

const invoke = async (functionId: string, logLevel = 'silent') => {
  const { stdout, stderr } = await run(
    process.execPath,
    [
      join(root, 'node_modules/tsx/dist/cli.mjs'),
      'bin/invoke.ts',
      functionId,
      `test/events/${functionId}.json`,
    ],
    {
      cwd: root,
      env: {
        ...withoutCredentials,
        LOG_LEVEL: logLevel,
        POWERTOOLS_METRICS_DISABLED: String(logLevel === 'silent'),
      },
      timeout: 60_000,
    },
  );
  const result = JSON.parse(stdout) as { statusCode: number; body: string; headers: Record<string, string> };
  /** What the function wrote (its log lines and metric documents): stderr, as `sam local invoke` does. */
  const written = stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
  return { result, written };
};

it.each([
  ['Health', 200],
  ['CreateTask', 201],
  ['ListTasks', 200],
  ['GetTask', 404],
])(
  'runs the %s function on its sample event and prints its result (%i)',
  async (functionId, status) => {
    const { result } = await invoke(functionId);
    expect(result.statusCode).toBe(status);
    expect(result.headers['X-Request-Id']).toBeDefined();
  },
  90_000,
);

it('runs the Authorizer on its sample event and allows the token, with no AWS credentials in the environment', async () => {
  // Act: its revocation read is a request it signs itself, against DynamoDB Local.
  const { result } = await invoke('Authorizer');

  // Assert
  expect(result).toMatchObject({
    principalId: expect.any(String),
    policyDocument: { Statement: [expect.objectContaining({ Effect: 'Allow' })] },
  });
}, 90_000);

it('prints the function’s structured log line (cold start, request id) and its EMF metrics, apart from the result', async () => {
  // Prepare
  const event = JSON.parse(readFileSync(join(root, 'test/events/CreateTask.json'), 'utf8')) as {
    requestContext: { requestId: string };
  };

  // Act
  const { result, written } = await invoke('CreateTask', 'info');

  // Assert
  expect(result.statusCode).toBe(201);
  expect(written).toContainEqual(
    expect.objectContaining({
      level: 'INFO',
      message: 'request completed',
      service: 'task-api',
      cold_start: true,
      request_id: event.requestContext.requestId,
      route: 'CreateTask',
      status: 201,
    }),
  );
  // The sample event carries an Idempotency-Key: the first run creates the task, any later run replays it.
  const metrics = written.filter((document) => '_aws' in document);
  const directive = (document: Record<string, any> | undefined) => document?._aws.CloudWatchMetrics[0]; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(metrics).toHaveLength(2);
  expect(directive(metrics[0])).toMatchObject({
    Namespace: 'TaskApi',
    Dimensions: [['service', 'function_name']],
    Metrics: [{ Name: 'ColdStart', Unit: 'Count' }],
  });
  expect(metrics[0]).toMatchObject({ function_name: 'CreateTask', ColdStart: 1 });
  expect(directive(metrics[1])).toMatchObject({ Namespace: 'TaskApi', Dimensions: [['service', 'stage']] });
  expect(metrics[1]).toMatchObject({ request_id: event.requestContext.requestId, stage: 'v2' });
  expect([['TasksCreated'], ['IdempotentReplays']]).toContainEqual(
    directive(metrics[1]).Metrics.map((metric: { Name: string }) => metric.Name),
  );
}, 90_000);
