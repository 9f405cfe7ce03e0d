import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../functions/shared/data/dynamodb-client';
import { counterUpdate, taskKeys, toTaskItem } from '../functions/shared/data/entities/task-entity';
import { tableName } from '../functions/shared/data/table-names';
import { newTask } from '../functions/shared/domain/task';
import type { BenchContext } from './context';
import { summarizeCalls } from './dynamo-meter';
import { handlers } from './handlers';
import { bodyOf, call, expectStatus, prepareCall } from './invoke';
import { requests } from './routes';
import { interleave, median, summarize, type Summary, type Variant } from './stats';

/** A handler against the raw DynamoDB call it makes, timed in alternation. */
export interface OverheadResult {
  request: string;
  rawCall: string;
  handler: Summary;
  raw: Summary;
  /** handler p50 / raw p50 − 1. */
  overheadP50: number;
  /** Median of (handler − raw) over the rounds (paired: each round's two calls ran back to back), in ms. */
  pairedDeltaP50Ms: number;
  /** p50 of (handler time − the time of its own DynamoDB calls), in ms. */
  inProcessP50Ms: number;
  /** The same for the raw call (SDK command set-up outside the HTTP exchange), in ms. */
  rawInProcessP50Ms: number;
  iterations: number;
}

/** Budget: the handler adds under 10 % at p50 over its raw DynamoDB call. */
export const OVERHEAD_BUDGET = 0.1;

/**
 * Section 2: the GET and create handlers against the raw GetItem / TransactWriteItems they make (same
 * key, same consistency, same client, both through the meter without extra fields), alternating call by
 * call after a warm-up.
 */
export async function measureOverhead(
  context: BenchContext,
  iterations = { get: 1000, create: 300 },
): Promise<OverheadResult[]> {
  const { meter, writerUserId: user } = context;
  const task = bodyOf<{ id: string }>(
    await call(handlers.createTask, requests.createTask(user, { title: 'Overhead' }), 201),
  );

  const getSelf = { handler: [] as number[], raw: [] as number[] };
  const get = await compare(
    {
      handler: () => {
        const run = prepareCall(handlers.getTask, requests.getTask(user, task.id));
        return () => timedDb(meter, getSelf.handler, async () => expectStatus(await run(), 200));
      },
      raw: () => {
        const input = {
          TableName: tableName('tasks'),
          Key: taskKeys.task(user, task.id),
          ConsistentRead: true,
        };
        return () => timedDb(meter, getSelf.raw, () => dynamo.send(new GetCommand(input)));
      },
    },
    iterations.get,
  );

  const createSelf = { handler: [] as number[], raw: [] as number[] };
  const body = { title: 'Overhead create', description: 'timed', tags: ['work'] };
  const create = await compare(
    {
      handler: () => {
        const run = prepareCall(handlers.createTask, requests.createTask(user, body));
        return () => timedDb(meter, createSelf.handler, async () => expectStatus(await run(), 201));
      },
      raw: () => {
        const created = newTask(user, body);
        const input = {
          TransactItems: [
            {
              Put: {
                TableName: tableName('tasks'),
                Item: toTaskItem(created),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            counterUpdate(user, { total: 1, add: created.status }),
          ],
        };
        return () => timedDb(meter, createSelf.raw, () => dynamo.send(new TransactWriteCommand(input)));
      },
    },
    iterations.create,
  );

  return [
    result('GET /tasks/{id}', 'GetItem (ConsistentRead)', get, getSelf),
    result('POST /tasks', 'TransactWriteItems (put + counters)', create, createSelf),
  ];
}

async function compare(variants: { handler: Variant; raw: Variant }, iterations: number) {
  const samples = await interleave(variants, iterations, Math.min(50, Math.ceil(iterations / 10)));
  return { handler: samples.handler!, raw: samples.raw! };
}

/** Runs a call, recording (without extra capacity fields) the time it spent outside its DynamoDB requests. */
async function timedDb(
  meter: BenchContext['meter'],
  self: number[],
  run: () => Promise<unknown>,
): Promise<void> {
  const start = process.hrtime.bigint();
  const { calls } = await meter.record(run, { capacity: false });
  self.push(Number(process.hrtime.bigint() - start) / 1e6 - summarizeCalls(calls).dbMs);
}

type Samples = { handler: number[]; raw: number[] };

function result(request: string, rawCall: string, samples: Samples, self: Samples): OverheadResult {
  const handler = summarize(samples.handler);
  const raw = summarize(samples.raw);
  // Warm-up rounds were recorded too: keep the timed ones, so both figures describe the same calls.
  const timedOnly = (values: number[]) => median(values.slice(values.length - samples.handler.length));
  return {
    request,
    rawCall,
    handler,
    raw,
    overheadP50: handler.p50 / raw.p50 - 1,
    pairedDeltaP50Ms: median(samples.handler.map((ms, round) => ms - samples.raw[round]!)),
    inProcessP50Ms: timedOnly(self.handler),
    rawInProcessP50Ms: timedOnly(self.raw),
    iterations: samples.handler.length,
  };
}
