import { randomBytes, randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { lambdaContext, type ProxyHandler } from '../../lib/local/proxy-event';
import { captureOutput, type CapturedOutput } from '../support/captured-output';
import { invoke, newUserId } from '../support/invoke';

/**
 * Logs, metrics and traces of real handlers against DynamoDB Local. Each group loads the functions in a
 * fresh module registry with the environment it needs (the utilities read it when they load, as in
 * Lambda): a cold start, a log level, a debug sample rate, an unreachable dependency.
 */

// The test setup turns EMF documents off (they would fill the test output); here they are what is tested,
// and every line is captured. Powertools reads this when a Metrics instance is built, and it builds one per
// ColdStart document, at the first request: so for the whole file, not just while the functions load.
process.env.POWERTOOLS_METRICS_DISABLED = 'false';

type Handler = ProxyHandler;
type Functions = { useClock: (now: () => number) => () => void } & Record<
  'createTask' | 'getTask' | 'updateTask' | 'deleteTask' | 'register' | 'login' | 'health',
  Handler
> & {
    authorizer: (event: unknown, context: never) => Promise<{ principalId: string }>;
  };

/**
 * The functions, loaded afresh as Lambda loads them (`AWS_LAMBDA_INITIALIZATION_TYPE=on-demand`: the first
 * request is a cold start) with `env` applied while they load; the environment is restored afterwards.
 */
async function loadFunctions(env: Record<string, string | undefined> = {}): Promise<Functions> {
  const names = ['AWS_LAMBDA_INITIALIZATION_TYPE', ...Object.keys(env)];
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply({ AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand', ...env });
  try {
    let loaded: Functions | undefined;
    await jest.isolateModulesAsync(async () => {
      loaded = {
        useClock: (await import('../../functions/shared/config/clock')).useClock,
        createTask: (await import('../../functions/tasks/create')).handler,
        getTask: (await import('../../functions/tasks/get')).handler,
        updateTask: (await import('../../functions/tasks/update')).handler,
        deleteTask: (await import('../../functions/tasks/delete')).handler,
        register: (await import('../../functions/auth/register')).handler,
        login: (await import('../../functions/auth/login')).handler,
        health: (await import('../../functions/health/get')).handler,
        authorizer: (await import('../../functions/auth/authorizer')).handler as Functions['authorizer'],
      };
    });
    return loaded as Functions;
  } finally {
    apply(saved);
  }
}

const TRACE_ROOT = `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
const traceHeader = (sampled: boolean, parent = randomBytes(8).toString('hex')) =>
  `Root=${TRACE_ROOT};Parent=${parent};Sampled=${sampled ? 1 : 0}`;

const createTask = (fns: Functions, userId: string, body: unknown, headers: Record<string, string> = {}) =>
  invoke(fns.createTask, { method: 'POST', resource: '/tasks', path: '/tasks', body, userId, headers });
const taskRoute = (id: string) => ({ resource: '/tasks/{id}', path: `/tasks/${id}`, pathParameters: { id } });
const ip = () => `10.9.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
const authorizerEvent = (authorizationToken: string) => ({
  type: 'TOKEN',
  authorizationToken,
  methodArn: 'arn:aws:execute-api:us-east-1:123456789012:api/v2/GET/tasks',
});

let output: CapturedOutput;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => {
  output.restore();
  delete process.env._X_AMZN_TRACE_ID;
});

describe('logs (LOG_LEVEL=info)', () => {
  let fns: Functions;
  beforeAll(async () => {
    fns = await loadFunctions({ LOG_LEVEL: 'info' });
  });

  it('write one JSON access line per request: request id (= X-Request-Id), trace, stage, route, user, cold start, latency', async () => {
    // Prepare
    const userId = newUserId();
    process.env._X_AMZN_TRACE_ID = traceHeader(false);

    // Act
    const first = await createTask(fns, userId, { title: 'observed' });
    const second = await createTask(fns, userId, { title: 'observed again' });

    // Assert
    const lines = output.logs('request completed');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual(
      expect.objectContaining({
        level: 'INFO',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        service: 'task-api',
        function_name: 'CreateTask',
        cold_start: true,
        request_id: first.headers['X-Request-Id'],
        xray_trace_id: TRACE_ROOT,
        stage: 'v2',
        route: 'CreateTask',
        user_id: userId,
        method: 'POST',
        resource: '/tasks',
        path: '/v2/tasks',
        status: 201,
        latency_ms: expect.any(Number),
      }),
    );
    expect(lines[1]).toMatchObject({ cold_start: false, request_id: second.headers['X-Request-Id'] });
    // Every line the function wrote is JSON.
    expect(output.records()).toHaveLength(output.lines().length);
  });

  it('name the problem type and detail of a refused request, without its body', async () => {
    const refused = await createTask(fns, newUserId(), { title: 'ok', colour: 'secret-colour-value' });
    expect(refused.status).toBe(422);
    const [line] = output.logs('request completed');
    expect(line).toMatchObject({
      level: 'INFO',
      status: 422,
      error_type: 'validation-error',
      error_detail: '1 field is invalid',
      request_id: refused.headers['X-Request-Id'],
    });
    expect(output.lines().join('\n')).not.toContain('secret-colour-value');
  });

  it('keep the event, headers and token out (a bearer token reaches no line)', async () => {
    const token = `eyJhbGciOiJIUzI1NiJ9.${randomUUID()}.signature`;
    await invoke(fns.getTask, {
      method: 'GET',
      ...taskRoute('01J0000000000000000000000Z'),
      userId: newUserId(),
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(output.logs('request completed')).toHaveLength(1);
    expect(output.lines().join('\n')).not.toContain(token);
  });
});

describe('metrics (EMF, namespace TaskApi, dimensions service and stage)', () => {
  let fns: Functions;
  beforeAll(async () => {
    fns = await loadFunctions({ LOG_LEVEL: 'silent' });
  });
  /** The metric values of every EMF document written since the last clear, by name. */
  const counted = () =>
    output
      .metrics()
      .flatMap((document) =>
        (document._aws.CloudWatchMetrics as { Metrics: { Name: string }[] }[]).flatMap((directive) =>
          directive.Metrics.map(({ Name }) => [Name, document[Name]] as [string, unknown]),
        ),
      );

  it('publish one EMF document per request, with its stage, its request id and Powertools’ ColdStart', async () => {
    const created = await createTask(fns, newUserId(), { title: 'counted' });
    const [coldStart, document] = output.metrics();
    expect(coldStart).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'TaskApi', Dimensions: [['service', 'function_name']] }] },
      function_name: 'CreateTask',
      ColdStart: 1,
    });
    expect(document).toEqual({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          {
            Namespace: 'TaskApi',
            Dimensions: [['service', 'stage']],
            Metrics: [{ Name: 'TasksCreated', Unit: 'Count' }],
          },
        ],
      },
      service: 'task-api',
      stage: 'v2',
      request_id: created.headers['X-Request-Id'],
      TasksCreated: 1,
    });
  });

  it('count creates, replays, key conflicts, updates, stale If-Match and deletes from the answers alone', async () => {
    const userId = newUserId();
    const key = { 'Idempotency-Key': randomUUID() };
    const task = await createTask(fns, userId, { title: 'a' }, key);
    await createTask(fns, userId, { title: 'a' }, key);
    await createTask(fns, userId, { title: 'b' }, key);
    const route = taskRoute(task.body.id);
    const body = { status: 'in_progress' };
    await invoke(fns.updateTask, {
      method: 'PATCH',
      ...route,
      userId,
      body,
      headers: { 'If-Match': task.headers.ETag ?? '' },
    });
    await invoke(fns.updateTask, {
      method: 'PATCH',
      ...route,
      userId,
      body,
      headers: { 'If-Match': task.headers.ETag ?? '' },
    });
    await invoke(fns.deleteTask, { method: 'DELETE', ...route, userId });
    await invoke(fns.getTask, { method: 'GET', ...route, userId });

    expect(counted().filter(([name]) => name !== 'ColdStart')).toEqual([
      ['TasksCreated', 1],
      ['IdempotentReplays', 1],
      ['IdempotencyConflicts', 1],
      ['TasksUpdated', 1],
      ['PreconditionFailures', 1],
      ['TasksDeleted', 1],
    ]);
  });

  it('count registrations, logins that succeed or fail, and the per-account and per-IP limits hit', async () => {
    // The per-IP limit counts in fixed minutes: hold the clock still inside one.
    const now = Date.now();
    const restoreClock = fns.useClock(() => now);
    const clientIp = ip();
    const email = `obs-${randomUUID()}@example.com`;
    const post = (handler: Handler, resource: string, body: unknown) =>
      invoke(handler, { method: 'POST', resource, path: resource, body, sourceIp: clientIp });
    await post(fns.register, '/auth/register', { email, password: 'correct horse battery' });
    await post(fns.login, '/auth/login', { email, password: 'correct horse battery' });
    await post(fns.login, '/auth/login', { email, password: 'wrong horse battery' });
    for (let attempt = 0; attempt < 10; attempt++)
      await post(fns.login, '/auth/login', { email, password: 'x' });
    restoreClock();

    // 5 wrong passwords in a row, then the account refuses logins for a while (429 login-throttled); from
    // the 11th login in a minute the client IP is refused before the account is looked at (429).
    expect(counted().filter(([name]) => name !== 'ColdStart')).toEqual([
      ['Registrations', 1],
      ['LoginsSucceeded', 1],
      ...Array.from({ length: 5 }, () => ['LoginsFailed', 1]),
      ...Array.from({ length: 4 }, () => ['AccountLoginLimitHits', 1]),
      ['IpRateLimitHits', 1],
      ['IpRateLimitHits', 1],
    ]);
  }, 120_000); // 12 scrypt password checks: slow on a loaded machine

  it('count tokens the authorizer rejects, with its decision logged without the token', async () => {
    const forged = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.${randomUUID()}`;
    await expect(
      fns.authorizer(authorizerEvent(`Bearer ${forged}`), lambdaContext('Authorizer') as never),
    ).rejects.toThrow('Unauthorized');
    expect(counted()).toContainEqual(['TokensRejected', 1]);
    expect(output.lines().join('\n')).not.toContain(forged);
  });
});

describe('LOG_LEVEL and debug sampling', () => {
  it('LOG_LEVEL=warn keeps successful requests quiet and still logs a 5xx with its error and stack', async () => {
    // Prepare: a tasks table that does not exist (a misconfigured deploy), the level at warn.
    const fns = await loadFunctions({ LOG_LEVEL: 'warn' });
    const tasksTable = process.env.TASKS_TABLE;
    process.env.TASKS_TABLE = `missing-${randomUUID()}`;

    // Act
    const healthy = await invoke(fns.health, { method: 'GET', resource: '/health', path: '/health' });
    const failed = await invoke(fns.getTask, {
      method: 'GET',
      ...taskRoute('01J0000000000000000000000Z'),
      userId: newUserId(),
    }).finally(() => (process.env.TASKS_TABLE = tasksTable));

    // Assert
    expect([healthy.status, failed.status]).toEqual([200, 500]);
    const lines = output.logs();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'ERROR',
      message: 'request completed',
      status: 500,
      error_type: 'internal-error',
      request_id: failed.headers['X-Request-Id'],
      error: {
        name: 'ResourceNotFoundException',
        fault: 'client',
        http_status: 400,
        stack: expect.stringContaining('ResourceNotFoundException'),
        location: expect.any(String),
      },
    });
  });

  it('POWERTOOLS_LOGGER_SAMPLE_RATE=1 logs every request at debug: its start and each DynamoDB call', async () => {
    const fns = await loadFunctions({ LOG_LEVEL: 'info', POWERTOOLS_LOGGER_SAMPLE_RATE: '1' });
    await invoke(fns.getTask, {
      method: 'GET',
      ...taskRoute('01J0000000000000000000000Z'),
      userId: newUserId(),
    });
    expect(output.logs().map((line) => [line.level, line.message])).toEqual([
      ['DEBUG', 'Setting log level to DEBUG due to sampling rate'],
      ['DEBUG', 'request started'],
      ['DEBUG', 'aws call'],
      ['INFO', 'request completed'],
    ]);
    expect(output.logs('aws call')[0]).toMatchObject({
      aws_service: 'DynamoDB',
      aws_operation: 'GetItem',
      table_name: process.env.TASKS_TABLE,
      status: 200,
      attempts: 1,
      duration_ms: expect.any(Number),
      route: 'GetTask',
    });
  });
});

describe('traces (X-Ray subsegments sent to the daemon over UDP)', () => {
  let daemon: Socket;
  /** Each datagram: the protocol header line, then the document. */
  const received: { header: string; document: Record<string, any> }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  let waiting: (() => void) | undefined;
  const nextDocument = async () => {
    if (received.length === 0) await new Promise<void>((resolve) => (waiting = resolve));
    const next = received.shift();
    expect(next?.header).toBe('{"format":"json","version":1}');
    return next?.document ?? {};
  };

  beforeAll(async () => {
    // The X-Ray daemon is AWS's; a UDP socket stands in for it and parses what it receives.
    daemon = createSocket('udp4');
    daemon.on('message', (message) => {
      const [header = '', body = '{}'] = message.toString('utf8').split('\n');
      received.push({ header, document: JSON.parse(body) as Record<string, unknown> });
      waiting?.();
    });
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    process.env.AWS_XRAY_DAEMON_ADDRESS = `127.0.0.1:${daemon.address().port}`;
  });
  afterAll(() => {
    delete process.env.AWS_XRAY_DAEMON_ADDRESS;
    daemon.close();
  });

  it('record a sampled request as `## <route>` with its DynamoDB calls, annotated with the route', async () => {
    const fns = await loadFunctions({ LOG_LEVEL: 'silent' });
    const userId = newUserId();

    // Not sampled: nothing is sent. The sampled request after it is the first document to arrive.
    process.env._X_AMZN_TRACE_ID = traceHeader(false);
    await createTask(fns, userId, { title: 'not traced' });
    const parent = randomBytes(8).toString('hex');
    process.env._X_AMZN_TRACE_ID = traceHeader(true, parent);
    const created = await createTask(fns, userId, { title: 'traced' }, { 'Idempotency-Key': randomUUID() });
    expect(created.status).toBe(201);

    const document = await nextDocument();
    expect(document).toMatchObject({
      type: 'subsegment',
      name: '## CreateTask',
      trace_id: TRACE_ROOT,
      parent_id: parent,
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      annotations: { route: 'CreateTask', stage: 'v2', ColdStart: false, Service: 'task-api' },
      http: { response: { status: 201 } },
    });
    expect(document.end_time).toBeGreaterThanOrEqual(document.start_time);
    expect(document.subsegments).toEqual([
      expect.objectContaining({
        name: 'DynamoDB',
        namespace: 'aws',
        aws: expect.objectContaining({
          operation: 'TransactWriteItems',
          region: 'us-east-1',
          retries: 0,
          table_names: expect.arrayContaining([process.env.TASKS_TABLE, process.env.IDEMPOTENCY_TABLE]),
        }),
        http: { response: { status: 200 } },
      }),
    ]);
    expect(document.fault).toBeUndefined();
  });

  it('record a Secrets Manager call that fails, and the authorizer failure, as faults', async () => {
    // Prepare: the token keys must come from the Secrets extension (as in AWS), which is not running here.
    const fns = await loadFunctions({ LOG_LEVEL: 'error' });
    const saved = { file: process.env.TOKEN_KEYS_FILE, token: process.env.AWS_SESSION_TOKEN };
    delete process.env.TOKEN_KEYS_FILE;
    process.env.TOKEN_KEYS_SECRET_ARN =
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:task-api-token-keys';
    process.env.AWS_SESSION_TOKEN = 'session-token';
    process.env._X_AMZN_TRACE_ID = traceHeader(true);

    // Act
    const answer = fns.authorizer(authorizerEvent('Bearer a.b.c'), lambdaContext('Authorizer') as never);
    await answer.catch(() => undefined);
    process.env.TOKEN_KEYS_FILE = saved.file;
    process.env.AWS_SESSION_TOKEN = saved.token;
    delete process.env.TOKEN_KEYS_SECRET_ARN;

    // Assert: not an Allow, not a 401 either (API Gateway answers 500), and logged and counted as a failure.
    await expect(answer).rejects.toThrow('fetch failed');
    const document = await nextDocument();
    expect(document).toMatchObject({
      name: '## Authorizer',
      fault: true,
      annotations: { route: 'Authorizer' },
    });
    expect(document.subsegments).toEqual([
      expect.objectContaining({
        name: 'SecretsManager',
        namespace: 'aws',
        aws: expect.objectContaining({ operation: 'GetSecretValue' }),
        fault: true,
      }),
    ]);
    const [failure] = output.logs('authorizer decision');
    expect(failure).toMatchObject({
      level: 'ERROR',
      decision: 'failed',
      route: 'Authorizer',
      error: { message: 'fetch failed', cause: { message: expect.stringContaining('ECONNREFUSED') } },
    });
    expect(output.metrics()).toContainEqual(expect.objectContaining({ AuthorizerFailures: 1, stage: 'v2' }));
  });
});
