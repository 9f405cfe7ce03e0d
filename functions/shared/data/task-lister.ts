import { GetCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { TaskFilter } from '../domain/list-query-schemas';
import type { Task } from '../domain/task-schemas';
import type { CursorPosition } from './cursor';
import { dynamo } from './dynamodb-client';
import { countsFromItem, fromTaskItem, taskKeys } from './entities/task-entity';
import { userPartition } from './entities/user-entity';
import type { ListPlan } from './list-plan';
import { tableName } from './table-names';

/**
 * The read budget of one page: at most this many Query calls. DynamoDB applies `Limit` before the
 * FilterExpression, so a filtered page may need several calls; past the budget the page is returned as
 * it is (possibly short, `has_more` still true) and the cursor resumes where reading stopped.
 */
export const MAX_QUERIES_PER_PAGE = 5;
/** Largest `Limit` (items DynamoDB evaluates) of one filtered Query call. */
export const MAX_EVALUATED_PER_QUERY = 1000;

export interface Page {
  tasks: Task[];
  /** Where the next page starts, or undefined on the last page. */
  next?: CursorPosition;
  /** Query calls this page cost (for the benchmark and logs). */
  queries: number;
}

/** The Query a list page sends: the plan's key condition and filter, `limit` items evaluated after `start`. */
export function listQueryInput(
  plan: ListPlan,
  limit: number,
  start: CursorPosition | undefined,
  userId: string,
) {
  return {
    TableName: tableName('tasks'),
    ...(plan.indexName ? { IndexName: plan.indexName } : {}),
    KeyConditionExpression: plan.keyCondition,
    ...(plan.filterExpression ? { FilterExpression: plan.filterExpression } : {}),
    ExpressionAttributeNames: plan.names,
    ExpressionAttributeValues: plan.values,
    ScanIndexForward: plan.scanIndexForward,
    // LSIs allow strongly consistent reads: a client sees its own writes, and counts agree with pages.
    ConsistentRead: true,
    Limit: limit,
    ...(start ? { ExclusiveStartKey: { pk: userPartition(userId), ...start } } : {}),
  };
}

const positionOf = (plan: ListPlan, item: Record<string, unknown>): CursorPosition =>
  Object.fromEntries(plan.keyAttributes.map((attribute) => [attribute, String(item[attribute])]));

/**
 * Reads up to `limit` matching tasks after `start`. It asks for one item more than the page holds, so
 * an unfiltered page is exactly one Query and knows whether more follow. The next position is the last
 * *returned* task (items read past it were dropped, not skipped), or DynamoDB's LastEvaluatedKey when
 * every item before it was returned or did not match.
 */
export async function readPage(
  userId: string,
  plan: ListPlan,
  limit: number,
  start: CursorPosition | undefined,
  maxQueries: number = MAX_QUERIES_PER_PAGE,
): Promise<Page> {
  const items: Record<string, unknown>[] = [];
  let position = start;
  for (let queries = 1; ; queries++) {
    const wanted = limit + 1 - items.length;
    const evaluate = plan.filterExpression
      ? Math.min(MAX_EVALUATED_PER_QUERY, wanted * 4 ** queries)
      : wanted;
    const output: QueryCommandOutput = await dynamo.send(
      new QueryCommand(listQueryInput(plan, evaluate, position, userId)),
    );
    items.push(...(output.Items ?? []));
    if (items.length > limit) {
      const page = items.slice(0, limit);
      return { tasks: page.map(fromTaskItem), next: positionOf(plan, page[page.length - 1]!), queries };
    }
    if (!output.LastEvaluatedKey) return { tasks: items.map(fromTaskItem), queries };
    position = positionOf(plan, output.LastEvaluatedKey);
    if (queries >= maxQueries) return { tasks: items.map(fromTaskItem), next: position, queries };
  }
}

/** `skip` + `limit` (v1): offset pagination reads and drops `skip` matches first, so its cost grows with skip. */
export async function readOffsetPage(
  userId: string,
  plan: ListPlan,
  skip: number,
  limit: number,
): Promise<Task[]> {
  const page = await readPage(userId, plan, skip + limit, undefined, Number.POSITIVE_INFINITY);
  return page.tasks.slice(skip);
}

/**
 * How many tasks match. With no filter, or a status filter alone, it is one GetItem on the user's
 * counters; otherwise the matching key range is counted with `Select: COUNT` queries (cost grows with
 * the number of tasks the key range holds).
 */
export async function countTasks(userId: string, filter: TaskFilter, plan: ListPlan): Promise<number> {
  const filters = Object.keys(filter);
  if (filters.length === 0 || (filters.length === 1 && filter.status)) {
    const { Item } = await dynamo.send(
      new GetCommand({
        TableName: tableName('tasks'),
        Key: taskKeys.taskCounters(userId),
        ConsistentRead: true,
      }),
    );
    const counts = countsFromItem(Item);
    return filter.status ? counts.byStatus[filter.status] : counts.total;
  }
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const output = await dynamo.send(
      new QueryCommand({
        ...listQueryInput(plan, MAX_EVALUATED_PER_QUERY, undefined, userId),
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += output.Count ?? 0;
    start = output.LastEvaluatedKey;
  } while (start);
  return count;
}
