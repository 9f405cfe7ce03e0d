import { randomUUID } from 'node:crypto';
import { CreateTableCommand, type Projection } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../functions/shared/data/dynamodb-client';
import { planListQuery } from '../functions/shared/data/list-plan';
import { tasksTable } from '../functions/shared/data/table-definitions';
import {
  changedAttributes,
  taskKeys as keys,
  toTaskItem,
} from '../functions/shared/data/entities/task-entity';
import { listQueryInput } from '../functions/shared/data/task-lister';
import { newTask } from '../functions/shared/domain/task';
import { TASK_STATUSES, type TaskFields } from '../functions/shared/domain/task-schemas';
import { createTableInput } from '../lib/local/create-tables';
import { localDynamoClient } from './environment';

/** The task attributes a list page returns: what an INCLUDE projection must hold to serve it. */
const LIST_ATTRIBUTES = [
  'id',
  'owner_id',
  'title',
  'description',
  'status',
  'priority',
  'due_date',
  'tags',
  'created_at',
  'updated_at',
  'version',
];

/** One way of projecting the five LSIs: the deployed ALL, and the alternatives DynamoDB offers. */
const PROJECTIONS: [string, Projection][] = [
  ['ALL (deployed)', { ProjectionType: 'ALL' }],
  ['KEYS_ONLY', { ProjectionType: 'KEYS_ONLY' }],
  ['INCLUDE (the list attributes)', { ProjectionType: 'INCLUDE', NonKeyAttributes: LIST_ATTRIBUTES }],
];

/** The units one standalone operation consumed, in total and where (table, each index). */
export interface UnitsRow {
  operation: string;
  total: number;
  table: number;
  /** Index name → units. */
  indexes: Record<string, number>;
}

export interface ProjectionResult {
  projection: string;
  rows: UnitsRow[];
}

interface Capacity {
  CapacityUnits?: number;
  Table?: { CapacityUnits?: number };
  LocalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

const unitsOf = (operation: string, consumed: Capacity | undefined): UnitsRow => ({
  operation,
  total: consumed?.CapacityUnits ?? 0,
  table: consumed?.Table?.CapacityUnits ?? 0,
  indexes: Object.fromEntries(
    Object.entries(consumed?.LocalSecondaryIndexes ?? {}).map(([name, units]) => [
      name,
      units.CapacityUnits ?? 0,
    ]),
  ),
});

/**
 * Section 6b: the tasks table recreated in DynamoDB Local with each LSI projection, and the standalone
 * operations the API's writes and index-served list pages consist of, run against each with
 * `ReturnConsumedCapacity: INDEXES` (DynamoDB Local computes standalone units by DynamoDB's rules).
 * Transactions are left out on purpose: their units are these, doubled (see section 6).
 */
export async function measureProjections(endpoint: string, prefix: string): Promise<ProjectionResult[]> {
  const results: ProjectionResult[] = [];
  for (const [index, [projection, spec]] of PROJECTIONS.entries()) {
    const tableName = `${prefix}-projection-${index}`;
    await createTable(endpoint, tableName, spec);
    results.push({ projection, rows: await measureOperations(dynamo, tableName, projection) });
  }
  return results;
}

async function createTable(endpoint: string, tableName: string, projection: Projection): Promise<void> {
  const input = createTableInput(tasksTable, tableName);
  const client = localDynamoClient(endpoint);
  try {
    await client.send(
      new CreateTableCommand({
        ...input,
        LocalSecondaryIndexes: input.LocalSecondaryIndexes?.map((lsi) => ({
          ...lsi,
          Projection: projection,
        })),
      }),
    );
  } finally {
    client.destroy();
  }
}

async function measureOperations(
  client: DynamoDBDocumentClient,
  tableName: string,
  projection: string,
): Promise<UnitsRow[]> {
  const userId = `bench-projection-${randomUUID()}`;
  const rows: UnitsRow[] = [];
  const body = {
    title: 'Write the quarterly report',
    description: 'Numbers from finance, a summary for the board, and the appendix tables',
    priority: 'high' as const,
    due_date: '2026-12-15',
    tags: ['work', 'q4'],
  };

  const put = async (operation: string, item: Record<string, unknown>) => {
    const { ConsumedCapacity } = await client.send(
      new PutCommand({ TableName: tableName, Item: item, ReturnConsumedCapacity: 'INDEXES' }),
    );
    rows.push(unitsOf(operation, ConsumedCapacity));
  };
  const task = newTask(userId, body);
  await put('create: put a new task (all 5 index keys set)', toTaskItem(task));

  const update = async (operation: string, fields: TaskFields) => {
    const updatedAt = new Date().toISOString();
    const attributes = changedAttributes(task.id, fields, updatedAt);
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':one': 1 };
    const sets = Object.entries(attributes).map(([attribute, value], position) => {
      names[`#a${position}`] = attribute;
      values[`:a${position}`] = value;
      return `#a${position} = :a${position}`;
    });
    const { ConsumedCapacity } = await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.task(userId, task.id),
        UpdateExpression: `SET ${sets.join(', ')} ADD #version :one`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
    rows.push(unitsOf(operation, ConsumedCapacity));
  };
  await update('PATCH description (in place, same status)', { description: 'Only the appendix is left' });
  await update('PATCH title (in place, same status)', { title: 'Write the Q4 report' });
  await update('status change (the task write alone)', { status: 'in_progress' });

  const { ConsumedCapacity: deleted } = await client.send(
    new DeleteCommand({
      TableName: tableName,
      Key: keys.task(userId, task.id),
      ReturnConsumedCapacity: 'INDEXES',
    }),
  );
  rows.push(unitsOf('delete a task', deleted));

  if (projection.startsWith('ALL')) {
    // A sparse due-date index: an undated task without `lsi_due_date` is not written to it at all.
    const undated = toTaskItem(newTask(userId, { ...body, due_date: null })) as Record<string, unknown>;
    delete undated.lsi_due_date;
    await put('create: undated task, sparse by_due_date (no lsi_due_date)', undated);
  }

  // A list page served by an index: 100 tasks a third per status, then the handler's Query for
  // `status=in_progress` (limit 10 + 1), fetching every attribute as the list representation needs.
  const seeded = Array.from({ length: 100 }, (_, i) =>
    toTaskItem(newTask(userId, { ...body, title: `${body.title} #${i}`, status: TASK_STATUSES[i % 3] })),
  );
  for (let start = 0; start < seeded.length; start += 25) {
    await client.send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName]: seeded.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
        },
      }),
    );
  }
  const plan = planListQuery(userId, { status: 'in_progress' }, { field: 'created_at', order: 'desc' });
  const page = { ...listQueryInput(plan, 11, undefined, userId), TableName: tableName };
  const { ConsumedCapacity: read, Count } = await client.send(
    new QueryCommand({
      ...page,
      ...selectFor(projection),
      ReturnConsumedCapacity: 'INDEXES',
    }),
  );
  rows.push(unitsOf(`list page via by_status (${Count ?? 0} items, consistent)`, read));
  return rows;
}

/**
 * What the list handler would have to ask each index for: ALL and INCLUDE serve the page from the index
 * (INCLUDE with `ALL_PROJECTED_ATTRIBUTES`: the list attributes; a `q` filter would need the search copies
 * it leaves out); KEYS_ONLY must fetch every item from the table.
 */
function selectFor(projection: string) {
  if (projection.startsWith('ALL')) return {};
  if (projection.startsWith('INCLUDE')) return { Select: 'ALL_PROJECTED_ATTRIBUTES' as const };
  return { Select: 'ALL_ATTRIBUTES' as const };
}
