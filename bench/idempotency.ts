import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { dynamo } from '../functions/shared/data/dynamodb-client';
import { taskKeys } from '../functions/shared/data/entities/task-entity';
import { userPartition } from '../functions/shared/data/entities/user-entity';
import { tableName } from '../functions/shared/data/table-names';
import type { BenchContext } from './context';
import { summarizeCalls, type CallSummary } from './dynamo-meter';
import { handlers } from './handlers';
import { call, expectStatus, prepareCall, type ProxyHandler } from './invoke';
import { handler as powertoolsWrapper } from './peer/powertools-create';
import { handler as powertoolsMiddleware } from './peer/powertools-create-middleware';
import { requests } from './routes';
import { interleave, median, summarize, type Summary } from './stats';

/** One way of creating a task: requests per create (and per replay), and latency. */
export interface IdempotencyRow {
  variant: string;
  create: CallSummary;
  replay?: CallSummary;
  latency: Summary;
  /** p50 of the time a create spent outside its DynamoDB requests (the code's own cost), in ms. */
  outsideDbP50Ms: number;
}

/** What a burst of identical keyed requests produced, over several trials. */
export interface DuplicateRow {
  variant: string;
  pattern: string;
  trials: number;
  requestsPerTrial: number;
  /** Tasks found in the user's partition after each trial (1 = exactly once). */
  tasksPerTrial: number[];
  /** `201`, `201 replay`, `409`, … → how many answers, over all trials. */
  statuses: Record<string, number>;
  /** DynamoDB requests per trial (all the burst's requests together). */
  dynamoRequestsPerTrial: number[];
}

export interface IdempotencyResults {
  rows: IdempotencyRow[];
  duplicates: DuplicateRow[];
}

const BODY = { title: 'Idempotent create', priority: 'high', tags: ['work'] };
const API_KEYED = 'Idempotency-Key: one transaction (API)';

/**
 * The variants: this API's create without and with a key, and the Powertools peers (bench/peer/), the
 * same `POST /tasks` built with Powertools' Idempotency (function wrapper or middy middleware) and Parser.
 */
const VARIANTS: [string, ProxyHandler, boolean][] = [
  ['no key (API)', handlers.createTask, false],
  [API_KEYED, handlers.createTask, true],
  ['Idempotency-Key: Powertools makeIdempotent + Parser', powertoolsWrapper as unknown as ProxyHandler, true],
  [
    'Idempotency-Key: Powertools middy middleware + Parser',
    powertoolsMiddleware as unknown as ProxyHandler,
    true,
  ],
];

/**
 * Section 4: each variant counted once (a create, then the same request again, which must be a replay),
 * timed interleaved with fresh keys, then hit with bursts of identical requests.
 */
export async function measureIdempotency(
  context: BenchContext,
  iterations = 200,
): Promise<IdempotencyResults> {
  const { meter, writerUserId: user } = context;

  const counted = [];
  for (const [variant, handler, keyed] of VARIANTS) {
    const key = keyed ? randomUUID() : undefined;
    const first = await meter.record(() => call(handler, requests.createTask(user, BODY, key), 201));
    const again = key
      ? await meter.record(() => call(handler, requests.createTask(user, BODY, key), 201))
      : undefined;
    if (again && again.result.headers?.['Idempotent-Replayed'] !== 'true') {
      throw new Error(`${variant}: the repeat was not a replay`);
    }
    counted.push({
      variant,
      create: summarizeCalls(first.calls),
      ...(again ? { replay: summarizeCalls(again.calls) } : {}),
    });
  }

  const outsideDb: Record<string, number[]> = Object.fromEntries(VARIANTS.map(([name]) => [name, []]));
  const samples = await interleave(
    Object.fromEntries(
      VARIANTS.map(([variant, handler, keyed]) => [
        variant,
        () => {
          const run = prepareCall(handler, requests.createTask(user, BODY, keyed ? randomUUID() : undefined));
          return async () => {
            const start = process.hrtime.bigint();
            const { calls } = await meter.record(async () => expectStatus(await run(), 201), {
              capacity: false,
            });
            outsideDb[variant]!.push(
              Number(process.hrtime.bigint() - start) / 1e6 - summarizeCalls(calls).dbMs,
            );
          };
        },
      ]),
    ),
    iterations,
    20,
  );
  const rows = counted.map((row) => ({
    ...row,
    latency: summarize(samples[row.variant]!),
    outsideDbP50Ms: median(outsideDb[row.variant]!.slice(-iterations)),
  }));
  return { rows, duplicates: await measureDuplicates(context) };
}

/** Bursts: N identical requests at once, and N a few milliseconds apart (a client retrying while the first runs). */
const PATTERNS: [string, number][] = [
  ['10 at once', 0],
  ['10, one every 2 ms', 2],
];
const BURST = 10;
const TRIALS = 5;

async function measureDuplicates(context: BenchContext): Promise<DuplicateRow[]> {
  const rows: DuplicateRow[] = [];
  for (const [pattern, gapMs] of PATTERNS) {
    for (const [variant, handler, keyed] of VARIANTS) {
      if (!keyed) continue;
      const row: DuplicateRow = {
        variant,
        pattern,
        trials: TRIALS,
        requestsPerTrial: BURST,
        tasksPerTrial: [],
        statuses: {},
        dynamoRequestsPerTrial: [],
      };
      for (let trial = 0; trial < TRIALS; trial++) {
        // A fresh user per trial: the tasks in its partition are exactly what the burst created.
        const user = `bench-burst-${randomUUID()}`;
        const key = randomUUID();
        const runs = Array.from({ length: BURST }, () =>
          prepareCall(handler, requests.createTask(user, BODY, key)),
        );
        const { result, calls } = await context.meter.record(
          () =>
            Promise.all(
              runs.map(async (run, index) => {
                if (gapMs > 0 && index > 0) await new Promise((done) => setTimeout(done, gapMs * index));
                return run();
              }),
            ),
          { capacity: false },
        );
        for (const answer of result) {
          const status = statusOf(answer);
          row.statuses[status] = (row.statuses[status] ?? 0) + 1;
        }
        row.tasksPerTrial.push(await countTasks(user));
        row.dynamoRequestsPerTrial.push(summarizeCalls(calls).requests);
      }
      rows.push(row);
    }
  }
  return rows;
}

function statusOf(answer: APIGatewayProxyResult): string {
  return `${answer.statusCode}${answer.headers?.['Idempotent-Replayed'] === 'true' ? ' replay' : ''}`;
}

/** The tasks in a user's partition (a consistent count, outside any recording). */
async function countTasks(userId: string): Promise<number> {
  const { Count } = await dynamo.send(
    new QueryCommand({
      TableName: tableName('tasks'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :task)',
      ExpressionAttributeValues: { ':pk': userPartition(userId), ':task': taskKeys.taskPrefix },
      Select: 'COUNT',
      ConsistentRead: true,
    }),
  );
  return Count ?? 0;
}

export { API_KEYED };
