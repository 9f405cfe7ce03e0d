import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../functions/shared/data/dynamodb-client';
import { taskKeys, toTaskItem } from '../functions/shared/data/entities/task-entity';
import { tableName } from '../functions/shared/data/table-names';
import { newTask } from '../functions/shared/domain/task';
import { TASK_PRIORITIES, TASK_STATUSES, type TaskStatus } from '../functions/shared/domain/task-schemas';

/** The `q` term: in the title of exactly 1 task in 100 and nowhere else. */
export const SEARCH_TERM = 'quarterly';

const VERBS = ['Write', 'Review', 'Call', 'Plan', 'Fix', 'Email', 'Draft'];
const OBJECTS = [
  'report',
  'invoice',
  'Bob',
  'roadmap',
  'bug',
  'budget',
  'slides',
  'offsite',
  'backlog',
  'lunch',
  'release',
];
const TAGS = ['home', 'work', 'urgent', 'q4', 'errand'];
const BATCH = 25;
const PARALLEL_BATCHES = 4;

/** The i-th task's input: a third per status, a third per priority, 1% matching SEARCH_TERM. */
function taskInput(i: number) {
  const searchable = i % 100 === 42;
  return {
    title: `${VERBS[i % VERBS.length]} ${searchable ? 'Quarterly ' : ''}${OBJECTS[i % OBJECTS.length]} #${i}`,
    description:
      i % 2 === 0 ? null : `Notes for item ${i}: ${OBJECTS[(i * 7) % OBJECTS.length]} and follow-ups`,
    status: TASK_STATUSES[i % 3]!,
    priority: TASK_PRIORITIES[Math.floor(i / 3) % 3]!,
    due_date:
      i % 4 === 0
        ? null
        : `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    tags: TAGS.filter((_, t) => (i >> t) % 2 === 1).slice(0, 3),
  };
}

async function writeBatch(items: Record<string, unknown>[]): Promise<void> {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= 10) throw new Error('seeding: BatchWrite kept returning unprocessed items');
    const { UnprocessedItems } = await dynamo.send(
      new BatchWriteCommand({ RequestItems: { [tableName('tasks')]: pending } }),
    );
    pending = (UnprocessedItems?.[tableName('tasks')] ?? []) as typeof pending;
  }
}

/**
 * Writes `count` tasks straight into the user's partition (BatchWrite, the items the handlers would
 * write, one created per second in the past so ids are in creation order), then sets the user's counters
 * to the exact totals, as if every task had been created through the API.
 */
export async function seedTasks(userId: string, count: number): Promise<Record<TaskStatus, number>> {
  const start = Date.now() - count * 1000;
  const items = Array.from({ length: count }, (_, i) =>
    toTaskItem(newTask(userId, taskInput(i), new Date(start + i * 1000))),
  );
  const byStatus = { pending: 0, in_progress: 0, completed: 0 } satisfies Record<TaskStatus, number>;
  for (const item of items) byStatus[item.status]++;

  const batches = Array.from({ length: Math.ceil(items.length / BATCH) }, (_, b) =>
    items.slice(b * BATCH, (b + 1) * BATCH),
  );
  let next = 0;
  const worker = async () => {
    while (next < batches.length) await writeBatch(batches[next++]!);
  };
  await Promise.all(Array.from({ length: PARALLEL_BATCHES }, worker));

  await dynamo.send(
    new PutCommand({
      TableName: tableName('tasks'),
      Item: {
        ...taskKeys.taskCounters(userId),
        total: count,
        ...Object.fromEntries(TASK_STATUSES.map((status) => [`status_${status}`, byStatus[status]])),
      },
    }),
  );
  return byStatus;
}
