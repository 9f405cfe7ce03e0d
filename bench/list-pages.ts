import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../functions/shared/data/dynamodb-client';
import { planListQuery } from '../functions/shared/data/list-plan';
import { listQueryInput } from '../functions/shared/data/task-lister';
import type { TaskFilter } from '../functions/shared/domain/list-query-schemas';
import type { BenchContext } from './context';
import { summarizeCalls, type CallSummary } from './dynamo-meter';
import { handlers } from './handlers';
import { bodyOf, call, expectStatus, prepareCall } from './invoke';
import { requests } from './routes';

/** A `GET /tasks` query string, as name → value. */
export type ListQuery = Record<string, string | number | boolean>;

/** The parts of a list body the benchmark reads: v2's `data` + `pagination`, v1's `items` + `total_count`. */
export interface ListBody {
  data?: unknown[];
  pagination?: { next_cursor: string | null; has_more: boolean; total_count?: number };
  items?: unknown[];
  total_count?: number;
}

/** One list page: what it returned and what it cost. */
export interface PageCost extends CallSummary {
  items: number;
}

/** Fetches one page of the listing user's tasks through the real handler, counting its DynamoDB requests. */
export async function listPage(
  context: BenchContext,
  stage: 'v1' | 'v2',
  query: ListQuery,
): Promise<{ body: ListBody; cost: PageCost }> {
  const { result, calls } = await context.meter.record(() =>
    call(handlers.listTasks, requests.listTasks(context.listUserId, stage, query), 200),
  );
  const body = bodyOf<ListBody>(result);
  return { body, cost: { ...summarizeCalls(calls), items: (body.data ?? body.items ?? []).length } };
}

/**
 * Follows v2's next_cursor for at most `maxPages` pages. Returns each page's cost and the cursor that
 * fetches each page (`cursors[i]` → page i + 1; undefined for the first), and whether the walk ended.
 */
export async function walkPages(context: BenchContext, query: ListQuery, maxPages: number) {
  const costs: PageCost[] = [];
  const cursors: (string | undefined)[] = [undefined];
  for (let index = 0; index < maxPages; index++) {
    const cursor = cursors[index];
    const { body, cost } = await listPage(context, 'v2', cursor ? { ...query, cursor } : query);
    costs.push(cost);
    const next = body.pagination?.next_cursor;
    if (!next) return { costs, cursors, end: true };
    cursors.push(next);
  }
  return { costs, cursors, end: false };
}

/** A timed-loop variant: builds the list request (untimed), returns the handler call to time. */
export function listVariant(context: BenchContext, stage: 'v1' | 'v2', query: ListQuery) {
  return () => {
    const run = prepareCall(handlers.listTasks, requests.listTasks(context.listUserId, stage, query));
    return async () => expectStatus(await run(), 200);
  };
}

/**
 * The Query the list handler sends for a v2 page (newest first) of `limit` tasks after `start`, built from
 * the same plan: for timing DynamoDB alone, without the handler, cursor signing or representation.
 */
export function rawPageInput(
  userId: string,
  filter: TaskFilter,
  limit: number,
  start?: Record<string, unknown>,
) {
  const plan = planListQuery(userId, filter, { field: 'created_at', order: 'desc' });
  // The handler asks for one item more than the page holds, to know whether more follow.
  return listQueryInput(plan, limit + 1, start as Record<string, string> | undefined, userId);
}

/** The ExclusiveStartKey of page `page` (pages of `limit`), found by walking raw Queries. */
export async function rawPageStart(userId: string, filter: TaskFilter, limit: number, page: number) {
  let start: Record<string, unknown> | undefined;
  for (let index = 1; index < page; index++) {
    const output = await dynamo.send(
      new QueryCommand({ ...rawPageInput(userId, filter, limit, start), Limit: limit }),
    );
    start = output.LastEvaluatedKey;
    if (!start) throw new Error(`fewer than ${page} pages`);
  }
  return start;
}
