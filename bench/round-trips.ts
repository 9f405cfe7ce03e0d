import { authorizer, handlers } from './handlers';
import type { BenchContext } from './context';
import { summarizeCalls, type CallSummary } from './dynamo-meter';
import { bodyOf, call, type BenchRequest, type ProxyHandler } from './invoke';
import { requests } from './routes';
import { SEARCH_TERM } from './seed';
import type { Cell } from './table';

/** One request kind: the DynamoDB requests it made, beside the budget in docs/PERFORMANCE.md (if it sets one). */
export interface RoundTripRow extends CallSummary {
  request: string;
  budget?: number;
  note: string;
}

const IN_PLACE = 'conditional in-place UpdateItem: the status stays, so the counters do not move';
const STATUS_MOVES =
  'the in-place UpdateItem fails on its status condition and returns the old item; a conditional transaction then moves the per-status counters';
const DELETE_NOTE =
  'consistent GetItem (the counters need the status being removed; transactions cannot read), then a conditional transaction';

/**
 * Section 1: one request of each kind through the real handler, counting the DynamoDB requests
 * it makes and the capacity DynamoDB Local reports for them.
 */
export async function measureRoundTrips(
  context: BenchContext,
  before: RoundTripRow[] = [],
): Promise<RoundTripRow[]> {
  const { meter, writerUserId: user, listUserId, token } = context;
  const rows = [...before];
  const measure = async <T>(
    request: string,
    budget: number | undefined,
    note: string,
    work: () => Promise<T>,
  ): Promise<T> => {
    const { result, calls } = await meter.record(work);
    rows.push({ request, ...(budget === undefined ? {} : { budget }), note, ...summarizeCalls(calls) });
    return result;
  };

  // The revocation GetItem goes through a signed fetch (no SDK), which the meter does not see: 1 per cache miss.
  await measure(
    'authorizer (JWT from login)',
    0,
    'HS256 verified in memory; + 1 GetItem by fetch, not metered',
    async () => {
      const policy = await authorizer({
        type: 'TOKEN',
        authorizationToken: `Bearer ${token}`,
        methodArn: 'arn:aws:execute-api:us-east-1:123456789012:local/v2/GET/tasks',
      });
      if (policy.principalId !== listUserId) throw new Error('authorizer returned another principal');
    },
  );

  const task = bodyOf<{ id: string }>(
    await measure('POST /tasks', 1, 'one TransactWriteItems: task put + counters', () =>
      call(handlers.createTask, requests.createTask(user, { title: 'Round trip', tags: ['work'] }), 201),
    ),
  );
  const keyed = { title: 'Round trip with key' };
  await measure('POST /tasks + Idempotency-Key', 1, 'the idempotency record joins the same transaction', () =>
    call(handlers.createTask, requests.createTask(user, keyed, 'bench-round-trip-key'), 201),
  );
  await measure(
    'POST /tasks replay (same key)',
    1,
    'the cancelled transaction returns the stored record (ALL_OLD)',
    () => call(handlers.createTask, requests.createTask(user, keyed, 'bench-round-trip-key'), 201),
  );
  await measure('GET /tasks/{id}', 1, 'one consistent GetItem', () =>
    call(handlers.getTask, requests.getTask(user, task.id), 200),
  );
  // The task is pending: each change below either keeps its status or moves it.
  const change = (name: string, note: string, handler: ProxyHandler, request: BenchRequest) =>
    measure(name, 1, note, () => call(handler, request, 200));
  await change(
    'PATCH /tasks/{id} (same status)',
    IN_PLACE,
    handlers.updateTask,
    requests.patchTask(user, task.id, { title: 'Renamed' }),
  );
  await change(
    'PATCH /tasks/{id} (status change)',
    STATUS_MOVES,
    handlers.updateTask,
    requests.patchTask(user, task.id, { status: 'in_progress' }),
  );
  await change(
    'PUT /tasks/{id} (same status)',
    IN_PLACE,
    handlers.replaceTask,
    requests.putTask(user, task.id, { title: 'Replaced', status: 'in_progress' }),
  );
  await change(
    'PUT /tasks/{id} (status change)',
    STATUS_MOVES,
    handlers.replaceTask,
    requests.putTask(user, task.id, { title: 'Replaced', status: 'completed' }),
  );
  await measure('DELETE /tasks/{id}', 1, DELETE_NOTE, () =>
    call(handlers.deleteTask, requests.deleteTask(user, task.id), 204),
  );

  const tasks = `${context.seededTasks.toLocaleString('en-US')} tasks`;
  const list = (
    name: string,
    budget: number | undefined,
    note: string,
    query: Record<string, string | number | boolean>,
  ) =>
    measure(name, budget, note, () =>
      call(handlers.listTasks, requests.listTasks(listUserId, 'v2', query), 200),
    );
  await list(`GET /v2/tasks (no filter, ${tasks})`, 1, 'one Query of limit+1 items', {});
  await list(
    'GET /v2/tasks?status=in_progress',
    undefined,
    'the status LSI serves it as a key range: one Query',
    {
      status: 'in_progress',
    },
  );
  await list(
    `GET /v2/tasks?q=${SEARCH_TERM} (1% match)`,
    undefined,
    'FilterExpression applies after Limit: up to 5 Queries',
    {
      q: SEARCH_TERM,
    },
  );
  await list(
    'GET /v2/tasks?include_total=true',
    1,
    '+1 GetItem on the counters item, in parallel with the page',
    {
      include_total: true,
    },
  );
  return rows;
}

/** A row's verdict against its budget, said plainly. */
export function verdict(row: RoundTripRow): string {
  if (row.budget === undefined) return 'no budget';
  if (row.requests <= row.budget) return 'within budget';
  return `OVER budget by ${row.requests - row.budget}`;
}

/** The table cells for section 1. */
export function roundTripCells(rows: RoundTripRow[]): Cell[][] {
  return rows.map((row) => [
    row.request,
    row.budget === undefined ? '—' : String(row.budget),
    row.requests,
    verdict(row),
    row.commands,
    row.failed > 0 ? `${row.readUnits} + ?` : row.readUnits,
    row.failed > 0 ? `${row.writeUnits} + ?` : row.writeUnits,
    row.note,
  ]);
}
