import type { TransactItem } from './transactions';
import type { TaskStatus } from '../domain/task-schemas';
import { TASK_STATUSES } from '../domain/task-schemas';
import { keys } from './keys';
import { tables } from './tables';

/**
 * Per-user task counters (total and per status). They change only inside the transaction that changes the
 * tasks they count, so they are exact, and `total_count` for "all tasks" or "tasks in one status" costs one
 * GetItem instead of reading the tasks.
 */
export interface TaskCounts {
  total: number;
  byStatus: Record<TaskStatus, number>;
}

const statusAttribute = (status: TaskStatus): string => `status_${status}`;

/** The counter change for a transaction: `+1`/`-1` on total and on statuses, as the write moves tasks. */
export function counterUpdate(
  userId: string,
  change: { total?: 1 | -1; add?: TaskStatus; remove?: TaskStatus },
): TransactItem {
  const adds: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  if (change.total !== undefined) {
    adds.push('#total :total');
    names['#total'] = 'total';
    values[':total'] = change.total;
  }
  if (change.add !== undefined) {
    adds.push('#add :one');
    names['#add'] = statusAttribute(change.add);
    values[':one'] = 1;
  }
  if (change.remove !== undefined) {
    adds.push('#remove :minusOne');
    names['#remove'] = statusAttribute(change.remove);
    values[':minusOne'] = -1;
  }
  return {
    Update: {
      TableName: tables.tasks,
      Key: keys.taskCounters(userId),
      UpdateExpression: `ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

export function countsFromItem(item: Record<string, unknown> | undefined): TaskCounts {
  const number = (name: string) => (typeof item?.[name] === 'number' ? item[name] : 0);
  return {
    total: number('total'),
    byStatus: Object.fromEntries(
      TASK_STATUSES.map((status) => [status, number(statusAttribute(status))]),
    ) as Record<TaskStatus, number>,
  };
}
