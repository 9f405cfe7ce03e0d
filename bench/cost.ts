import { randomUUID } from 'node:crypto';
import { authorizer as authorizerContract, routes } from '../functions/routes';
import { environments } from '../lib/config/environments';
import { logger } from '../functions/shared/observability/logger';
import type { BenchContext } from './context';
import { summarizeCalls, type DynamoCall } from './dynamo-meter';
import { authorizer, handlers } from './handlers';
import { bodyOf, call, prepareCall, type BenchRequest, type ProxyHandler } from './invoke';
import {
  deployedAccessLogFormat,
  lambdaPlatformLines,
  renderAccessLog,
  responseBytes,
  type AccessLogValues,
} from './log-bytes';
import { LAMBDA_MB_PER_VCPU, prices } from './prices';
import { requests } from './routes';
import { median } from './stats';

/**
 * Section 6: what each endpoint costs on AWS per million requests, from what this run measures (CPU time
 * per request, DynamoDB requests and units, log and response bytes) and the prices in bench/prices.ts.
 * The assumptions that are not measurements are all here, named.
 */
/** Production: the environment whose bill matters. */
const PRICED = environments.prod;

export const ASSUMPTIONS = {
  /** Share of authenticated requests whose token is not in API Gateway's authorizer cache (300 s TTL). */
  authorizerMissRate: 0.1,
  /** Share of invocations that are cold starts (AWS: INITs "typically occur in under 1 % of invocations"). */
  coldStartRate: 0.01,
  /** Lambda's runtime start before our module loads, added to the measured import to estimate INIT (ms). */
  runtimeInitMs: [60, 150] as const,
  /** The environment priced: its functions' memory and its log retention (lib/config/environments.ts). */
  environment: PRICED.name,
  /** How much slower than this machine's a Graviton core is assumed to be (the high end of `cpuFactor`). */
  gravitonSlowdown: 1.25,
  /** DynamoDB's own latency seen from Lambda in the same region, per request (ms): not measurable here. */
  dynamoMs: { single: [3, 8] as const, transaction: [8, 20] as const },
  /** CloudWatch Logs retention of every log group in the priced environment, in months. */
  logRetentionMonths: PRICED.logs.retention / 30,
};

/** The memory (MB) of a function in the priced environment: its contract's, else the environment's. */
export function memoryOf(functionId: string): number {
  const contract = [...routes, authorizerContract].find((each) => each.id === functionId);
  return (contract && 'memoryMb' in contract ? contract.memoryMb : undefined) ?? PRICED.functions.memoryMb;
}

/**
 * How much longer CPU work takes in the function than in this process: 1 when a short burst runs at a
 * full core as fast as this one; high when the memory's CPU share (memory / 1,769 MB of a vCPU) throttles
 * it and a Graviton core is slower than this machine's.
 */
export function cpuFactor(memoryMb: number): Range {
  return [1, Math.max(1, LAMBDA_MB_PER_VCPU / memoryMb) * ASSUMPTIONS.gravitonSlowdown];
}

/** The priced memories and the CPU factor each gets, for the table's title: "512 MB (…), Login 1769 MB (…)". */
export function memoryNote(): string {
  const ids = [...routes, authorizerContract].map((each) => each.id);
  const byMemory = new Map<number, string[]>();
  for (const id of ids) byMemory.set(memoryOf(id), [...(byMemory.get(memoryOf(id)) ?? []), id]);
  const usual = PRICED.functions.memoryMb;
  return [...byMemory]
    .sort(([a], [b]) => (a === usual ? -1 : b === usual ? 1 : a - b))
    .map(([memoryMb, names]) => {
      const [low, high] = cpuFactor(memoryMb);
      return `${memoryMb === usual ? 'functions' : names.join(', ')} ${memoryMb} MB: CPU ×${low}–${high.toFixed(2)} of this machine`;
    })
    .join('; ');
}

/** The share of requests X-Ray traces in the priced environment. */
export const traceSampleRate = (): number => PRICED.traceSampleRate;

/** Whether the function reads a key set: one Secrets Manager call per cold start (then cached). */
function readsKeySet(functionId: string): boolean {
  const contract = [...routes, authorizerContract].find((each) => each.id === functionId);
  return (contract?.access.keySets ?? []).length > 0;
}

type Range = readonly [number, number];

/** One endpoint, measured. */
export interface EndpointMeasure {
  request: string;
  /** The Lambda function that serves it. */
  functionId: string;
  authenticated: boolean;
  iterations: number;
  /** Median CPU time of the process per request (user + system, all threads), in ms. */
  cpuMs: number;
  wallP50Ms: number;
  dynamo: { commands: string; requests: number; readUnits: number; writeUnits: number; basis: string };
  responseBytes: number;
  accessLogBytes: number;
  /** The function's own log bytes at LOG_LEVEL=info (0 when it logs nothing on success). */
  appLogBytes: number;
}

/** One endpoint's cost per million requests, in USD, by where the money goes. */
export interface EndpointCost {
  request: string;
  apiGateway: number;
  lambdaRequests: number;
  lambdaDuration: Range;
  billedMs: Range;
  coldStarts: Range;
  authorizer: Range;
  dynamodb: number;
  logs: number;
  xray: number;
  dataOut: number;
  /** AWS WAF's request charge, when the priced environment has its web ACL on. */
  waf: number;
  total: Range;
}

export interface CostResults {
  assumptions: typeof ASSUMPTIONS;
  endpoints: EndpointMeasure[];
  authorizer: EndpointMeasure;
  costs: EndpointCost[];
  /** Bytes of the rendered lines, with one example each. */
  logLines: { accessLogExample: string; platformBytes: number; platformExample: string };
  transactionCalibration: string;
}

interface Scenario {
  request: string;
  functionId: string;
  handler: ProxyHandler;
  authenticated: boolean;
  expected: number;
  iterations: number;
  access: Omit<AccessLogValues, 'status' | 'responseLength'>;
  /** The request for call `i` (untimed set-up may happen here). */
  next: (i: number) => Promise<BenchRequest>;
}

/**
 * Measures every endpoint (and the authorizer) and prices it. `importMs` is each function's cold import (CPU time)
 * from section 5 (by function id), for the INIT estimate.
 */
export async function measureCost(
  context: BenchContext,
  importMs: Map<string, number>,
): Promise<CostResults> {
  const user = `bench-cost-${randomUUID()}`;
  const email = `bench-cost-${randomUUID()}@example.com`;
  const password = 'bench-password-123';
  await call(handlers.register, { ...requests.register(email, password), sourceIp: '198.51.100.1' }, 201);
  const profileUser = await loginUser(email, password);
  const task = bodyOf<{ id: string }>(
    await call(handlers.createTask, requests.createTask(user, { title: 'Cost', tags: ['work'] }), 201),
  );
  // PUT gets its own task, so the status-change scenario's flips never make a "same status" PUT move it.
  const replaced = bodyOf<{ id: string }>(
    await call(handlers.createTask, requests.createTask(user, { title: 'Replaced' }), 201),
  );
  const replayKey = randomUUID();
  await call(handlers.createTask, requests.createTask(user, { title: 'Replayed' }, replayKey), 201);
  const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  const body = { title: 'Priced', description: 'A task of ordinary size', priority: 'high', tags: ['work'] };

  const taskRoute = { method: 'GET', resourcePath: '/tasks/{id}', path: `/tasks/${task.id}` };
  const scenarios: Scenario[] = [
    scenario(
      'GET /health',
      'Health',
      handlers.health,
      false,
      200,
      200,
      { method: 'GET', resourcePath: '/health', path: '/health' },
      () => requests.health(),
    ),
    scenario(
      'GET /openapi.json',
      'OpenApi',
      handlers.openApi,
      false,
      200,
      100,
      { method: 'GET', resourcePath: '/openapi.json', path: '/openapi.json' },
      () => requests.openApi(),
    ),
    scenario(
      'POST /auth/register',
      'Register',
      handlers.register,
      false,
      201,
      10,
      { method: 'POST', resourcePath: '/auth/register', path: '/auth/register' },
      (i) => ({
        ...requests.register(`bench-cost-${randomUUID()}@example.com`, password),
        sourceIp: ip(1000 + i),
      }),
    ),
    scenario(
      'POST /auth/login',
      'Login',
      handlers.login,
      false,
      200,
      10,
      { method: 'POST', resourcePath: '/auth/login', path: '/auth/login' },
      (i) => ({
        ...requests.login(email, password),
        sourceIp: ip(2000 + i),
      }),
    ),
    scenario(
      'GET /users/me',
      'GetMe',
      handlers.me,
      true,
      200,
      200,
      { method: 'GET', resourcePath: '/users/me', path: '/users/me' },
      () => requests.me(profileUser),
    ),
    scenario(
      'POST /tasks',
      'CreateTask',
      handlers.createTask,
      true,
      201,
      200,
      { method: 'POST', resourcePath: '/tasks', path: '/tasks' },
      () => requests.createTask(user, body),
    ),
    scenario(
      'POST /tasks + Idempotency-Key',
      'CreateTask',
      handlers.createTask,
      true,
      201,
      200,
      { method: 'POST', resourcePath: '/tasks', path: '/tasks' },
      () => requests.createTask(user, body, randomUUID()),
    ),
    scenario(
      'POST /tasks replay (same key)',
      'CreateTask',
      handlers.createTask,
      true,
      201,
      200,
      { method: 'POST', resourcePath: '/tasks', path: '/tasks' },
      () => requests.createTask(user, { title: 'Replayed' }, replayKey),
    ),
    scenario('GET /tasks/{id}', 'GetTask', handlers.getTask, true, 200, 200, taskRoute, () =>
      requests.getTask(user, task.id),
    ),
    scenario(
      'GET /v2/tasks (page of 10)',
      'ListTasks',
      handlers.listTasks,
      true,
      200,
      200,
      { method: 'GET', resourcePath: '/tasks', path: '/tasks' },
      () => requests.listTasks(context.listUserId, 'v2', {}),
    ),
    scenario(
      'GET /v2/tasks?status=in_progress',
      'ListTasks',
      handlers.listTasks,
      true,
      200,
      200,
      { method: 'GET', resourcePath: '/tasks', path: '/tasks' },
      () => requests.listTasks(context.listUserId, 'v2', { status: 'in_progress' }),
    ),
    scenario(
      'PATCH /tasks/{id} (same status)',
      'UpdateTask',
      handlers.updateTask,
      true,
      200,
      200,
      { ...taskRoute, method: 'PATCH' },
      (i) => requests.patchTask(user, task.id, { title: `Renamed ${i % 2}` }),
    ),
    scenario(
      'PATCH /tasks/{id} (status change)',
      'UpdateTask',
      handlers.updateTask,
      true,
      200,
      200,
      { ...taskRoute, method: 'PATCH' },
      (i) => requests.patchTask(user, task.id, { status: i % 2 === 0 ? 'in_progress' : 'pending' }),
    ),
    scenario(
      'PUT /tasks/{id} (same status)',
      'ReplaceTask',
      handlers.replaceTask,
      true,
      200,
      200,
      { ...taskRoute, method: 'PUT', path: `/tasks/${replaced.id}` },
      (i) => requests.putTask(user, replaced.id, { title: `Replaced ${i % 2}`, status: 'pending' }),
    ),
    scenario(
      'DELETE /tasks/{id}',
      'DeleteTask',
      handlers.deleteTask,
      true,
      204,
      200,
      { ...taskRoute, method: 'DELETE' },
      async () => {
        const doomed = bodyOf<{ id: string }>(
          await call(handlers.createTask, requests.createTask(user, body), 201),
        );
        return requests.deleteTask(user, doomed.id);
      },
    ),
  ];
  const format = deployedAccessLogFormat();
  const endpoints: EndpointMeasure[] = [];
  for (const item of scenarios) endpoints.push(await measureScenario(context, item, format, profileUser));
  const authorizerMeasure = await measureAuthorizer(context);

  const platform = lambdaPlatformLines();
  const platformBytes = platform.reduce((sum, line) => sum + Buffer.byteLength(line), 0);
  const costs = endpoints.map((endpoint) => price(endpoint, authorizerMeasure, importMs, platformBytes));
  return {
    assumptions: ASSUMPTIONS,
    endpoints,
    authorizer: authorizerMeasure,
    costs,
    logLines: {
      accessLogExample: renderAccessLog(format, {
        ...taskRoute,
        status: 200,
        responseLength: 371,
        principalId: profileUser,
      }),
      platformBytes,
      platformExample: platform.join(''),
    },
    transactionCalibration:
      "Transactions by AWS's rule, 2 units per write (prepare and commit): 2 × (the items, by size, + the index writes). " +
      'DynamoDB Local sizes a transaction differently (per table, not per item) and reports each index write in it as 4 units; ' +
      'the index writes are read from its per-index figures (ReturnConsumedCapacity: INDEXES) divided by 4.',
  };

  async function loginUser(loginEmail: string, loginPassword: string): Promise<string> {
    const result = await call(
      handlers.login,
      { ...requests.login(loginEmail, loginPassword), sourceIp: '198.51.100.2' },
      200,
    );
    const token = bodyOf<{ access_token: string }>(result).access_token;
    const policy = await authorizer({
      type: 'TOKEN',
      authorizationToken: `Bearer ${token}`,
      methodArn: METHOD_ARN,
    });
    return policy.principalId;
  }
}

const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:local/v2/GET/tasks';

function scenario(
  request: string,
  functionId: string,
  handler: ProxyHandler,
  authenticated: boolean,
  expected: number,
  iterations: number,
  access: Scenario['access'],
  next: (i: number) => BenchRequest | Promise<BenchRequest>,
): Scenario {
  return {
    request,
    functionId,
    handler,
    authenticated,
    expected,
    iterations,
    access,
    next: async (i) => next(i),
  };
}

/** Warm-up, one recorded call (DynamoDB units), one call with logs captured, then the timed calls. */
async function measureScenario(
  context: BenchContext,
  item: Scenario,
  format: string,
  principalId: string,
): Promise<EndpointMeasure> {
  let index = 0;
  // Each request is built first (a DELETE creates its task then), so only the call itself is measured.
  const nextCall = async () => {
    const request = await item.next(index++);
    return () => call(item.handler, request, item.expected);
  };
  for (let warm = 0; warm < Math.min(5, item.iterations); warm++) await (await nextCall())();
  const recorded = await context.meter.record(await nextCall());
  const appLogBytes = await capturedLogBytes(await nextCall());
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < item.iterations; i++) {
    const invoke = prepareCall(item.handler, await item.next(index++));
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const result = await invoke();
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    if (result.statusCode !== item.expected) throw new Error(`${item.request}: got ${result.statusCode}`);
  }
  const response = recorded.result;
  return {
    request: item.request,
    functionId: item.functionId,
    authenticated: item.authenticated,
    iterations: item.iterations,
    cpuMs: median(cpu),
    wallP50Ms: median(wall),
    dynamo: awsUnits(recorded.calls),
    responseBytes: responseBytes(response),
    accessLogBytes: Buffer.byteLength(
      renderAccessLog(format, {
        ...item.access,
        status: response.statusCode,
        responseLength: Buffer.byteLength(response.body),
        ...(item.authenticated ? { principalId } : {}),
      }) + '\n',
    ),
    appLogBytes,
  };
}

/** The authorizer verifying the login handler's token, as API Gateway calls it on a cache miss. */
async function measureAuthorizer(context: BenchContext): Promise<EndpointMeasure> {
  const token = context.token;
  const run = () =>
    authorizer({ type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn: METHOD_ARN });
  for (let warm = 0; warm < 5; warm++) await run();
  const recorded = await context.meter.record(run);
  const appLogBytes = await capturedLogBytes(run);
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < 200; i++) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    await run();
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return {
    request: 'authorizer (per cache miss)',
    functionId: 'Authorizer',
    authenticated: false,
    iterations: 200,
    cpuMs: median(cpu),
    wallP50Ms: median(wall),
    dynamo: awsUnits(recorded.calls),
    responseBytes: 0,
    accessLogBytes: 0,
    appLogBytes,
  };
}

/** The bytes the function writes to stdout/stderr during one call at LOG_LEVEL=info. */
async function capturedLogBytes(run: () => Promise<unknown>): Promise<number> {
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((stream) => stream.write.bind(stream));
  // The functions' logger was built at the bench's LOG_LEVEL (silent): what production writes is `info`.
  const level = logger.getLevelName();
  let bytes = 0;
  logger.setLogLevel('INFO');
  // Powertools' Logger puts the level back to the one it was built with at the start of every warm
  // invocation (its debug-sampling refresh), which would undo the line above: held for this one call.
  logger.refreshSampleRateCalculation = () => undefined;
  streams.forEach((stream) => {
    stream.write = (chunk: string | Uint8Array) => {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      return true;
    };
  });
  try {
    await run();
  } finally {
    streams.forEach((stream, position) => {
      stream.write = originals[position] as typeof stream.write;
    });
    Reflect.deleteProperty(logger, 'refreshSampleRateCalculation');
    logger.setLogLevel(level);
  }
  return bytes;
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

/** DynamoDB Local reports each index write inside a transaction as 4 units (a standalone one as 1). */
const LOCAL_UNITS_PER_INDEX_WRITE = 4;

/**
 * DynamoDB units by AWS's rules from what DynamoDB Local reported: reads and standalone writes as
 * reported; a TransactWriteItems as 2 × (its item writes + its index writes); a failed conditional write 1 unit
 * (AWS charges a failed condition at least 1 write unit); a cancelled transaction 2 units per item
 * (AWS: capacity "is consumed even when a transaction does not succeed", amount not documented: an estimate).
 */
export function awsUnits(calls: readonly DynamoCall[]): EndpointMeasure['dynamo'] {
  let readUnits = 0;
  let writeUnits = 0;
  const basis: string[] = [];
  for (const item of calls) {
    if (item.error) {
      if (item.command === 'TransactWriteItems') {
        writeUnits += 2 * (item.items ?? 1);
        basis.push(`cancelled transaction of ${item.items ?? 1}: est. ${2 * (item.items ?? 1)} WRU`);
      } else if (WRITES.has(item.command)) {
        writeUnits += 1;
        basis.push(`failed ${item.command}: 1 WRU`);
      }
      continue;
    }
    readUnits += item.readUnits ?? 0;
    if (item.command === 'TransactWriteItems') {
      const units =
        2 * ((item.itemWriteUnits ?? item.items ?? 1) + (item.indexUnits ?? 0) / LOCAL_UNITS_PER_INDEX_WRITE);
      writeUnits += units;
      basis.push(
        `transaction: 2 × (${item.itemWriteUnits ?? item.items} item + ${(item.indexUnits ?? 0) / LOCAL_UNITS_PER_INDEX_WRITE} index writes) = ${units}` +
          ` (DynamoDB Local: ${item.writeUnits ?? 0})`,
      );
    } else {
      writeUnits += item.writeUnits ?? 0;
    }
  }
  const summary = summarizeCalls(calls);
  return {
    commands: summary.commands,
    requests: summary.requests,
    readUnits,
    writeUnits,
    basis: basis.join('; ') || '—',
  };
}

const perMillion = (dollarsPerRequest: number) => dollarsPerRequest * 1e6;
const GB = 1024 ** 3;

/** Billed Lambda milliseconds for `cpuMs` of this machine's CPU plus the DynamoDB requests' latency. */
function billedMs(cpuMs: number, dynamo: EndpointMeasure['dynamo'], memoryMb: number): Range {
  const factor = cpuFactor(memoryMb);
  const requestsOf = (name: string) => (dynamo.commands.match(new RegExp(name, 'g')) ?? []).length;
  const transactions = requestsOf('TransactWriteItems');
  const singles = dynamo.requests - transactions;
  const at = (end: 0 | 1) =>
    Math.ceil(
      cpuMs * factor[end] +
        singles * ASSUMPTIONS.dynamoMs.single[end] +
        transactions * ASSUMPTIONS.dynamoMs.transaction[end],
    );
  return [at(0), at(1)];
}

function price(
  endpoint: EndpointMeasure,
  authorizerMeasure: EndpointMeasure,
  importMs: Map<string, number>,
  platformBytes: number,
): EndpointCost {
  const gbSecond = (id: string, ms: number) =>
    (memoryOf(id) / 1024) * (ms / 1000) * prices.lambda.armPerGbSecond;
  const billed = billedMs(endpoint.cpuMs, endpoint.dynamo, memoryOf(endpoint.functionId));
  const lambdaDuration: Range = [
    gbSecond(endpoint.functionId, billed[0]),
    gbSecond(endpoint.functionId, billed[1]),
  ];
  const initMs = (id: string): Range => {
    const imported = importMs.get(id) ?? 0;
    const factor = cpuFactor(memoryOf(id));
    return [
      ASSUMPTIONS.runtimeInitMs[0] + imported * factor[0],
      ASSUMPTIONS.runtimeInitMs[1] + imported * factor[1],
    ];
  };
  const secretFetch = (id: string) =>
    readsKeySet(id) ? prices.secretsManager.perTenThousandCalls / 10_000 : 0;
  const init = initMs(endpoint.functionId);
  const coldStart = (end: 0 | 1) =>
    ASSUMPTIONS.coldStartRate * (gbSecond(endpoint.functionId, init[end]) + secretFetch(endpoint.functionId));
  const coldStarts: Range = [coldStart(0), coldStart(1)];

  const authorizerId = authorizerContract.id;
  const authorizerBilled = billedMs(
    authorizerMeasure.cpuMs,
    authorizerMeasure.dynamo,
    memoryOf(authorizerId),
  );
  const authorizerInit = initMs(authorizerId);
  const authorizerPerMiss = (end: 0 | 1) =>
    prices.lambda.requestsPerMillion / 1e6 +
    gbSecond(authorizerId, authorizerBilled[end]) +
    ASSUMPTIONS.coldStartRate * (gbSecond(authorizerId, authorizerInit[end]) + secretFetch(authorizerId)) +
    ((platformBytes + authorizerMeasure.appLogBytes) / GB) *
      (prices.cloudwatchLogs.ingestionPerGb +
        prices.cloudwatchLogs.storagePerGbMonth * ASSUMPTIONS.logRetentionMonths);
  const authorizerShare: Range = endpoint.authenticated
    ? [
        ASSUMPTIONS.authorizerMissRate * authorizerPerMiss(0),
        ASSUMPTIONS.authorizerMissRate * authorizerPerMiss(1),
      ]
    : [0, 0];

  const logBytes = endpoint.accessLogBytes + platformBytes + endpoint.appLogBytes;
  const logs =
    (logBytes / GB) *
    (prices.cloudwatchLogs.ingestionPerGb +
      prices.cloudwatchLogs.storagePerGbMonth * ASSUMPTIONS.logRetentionMonths);
  const dynamodb =
    (endpoint.dynamo.writeUnits * prices.dynamodb.perMillionWriteUnits +
      endpoint.dynamo.readUnits * prices.dynamodb.perMillionReadUnits) /
    1e6;
  const parts = {
    apiGateway: prices.apiGateway.restPerMillion / 1e6,
    lambdaRequests: prices.lambda.requestsPerMillion / 1e6,
    dynamodb,
    logs,
    // The environment's sampling rule: a fixed share of requests at any traffic (lib/infra/trace-sampling.ts).
    xray: (prices.xray.perMillionTracesRecorded / 1e6) * PRICED.traceSampleRate,
    dataOut: (endpoint.responseBytes / GB) * prices.dataTransfer.outPerGb,
    // The environment's web ACL inspects every request of both stages (lib/infra/waf.ts).
    waf: PRICED.waf ? prices.waf.perMillionRequests / 1e6 : 0,
  };
  const fixed = Object.values(parts).reduce((sum, value) => sum + value, 0);
  const range = (end: 0 | 1) => fixed + lambdaDuration[end] + coldStarts[end] + authorizerShare[end];
  return {
    request: endpoint.request,
    apiGateway: perMillion(parts.apiGateway),
    lambdaRequests: perMillion(parts.lambdaRequests),
    lambdaDuration: [perMillion(lambdaDuration[0]), perMillion(lambdaDuration[1])],
    billedMs: billed,
    coldStarts: [perMillion(coldStarts[0]), perMillion(coldStarts[1])],
    authorizer: [perMillion(authorizerShare[0]), perMillion(authorizerShare[1])],
    dynamodb: perMillion(parts.dynamodb),
    logs: perMillion(parts.logs),
    xray: perMillion(parts.xray),
    dataOut: perMillion(parts.dataOut),
    waf: perMillion(parts.waf),
    total: [perMillion(range(0)), perMillion(range(1))],
  };
}
