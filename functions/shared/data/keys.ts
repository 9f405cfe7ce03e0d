import type { TaskPriority, TaskStatus } from '../domain/task-schemas';
import { tasksTable } from './table-definitions';

/**
 * Every DynamoDB key and index sort key, built here and nowhere else, named after the access pattern
 * it serves. Sort keys end with the task id so every order is total (ties break by id).
 */
type IndexName = (typeof tasksTable.localIndexes)[number]['indexName'];
type IndexKeyAttribute = (typeof tasksTable.localIndexes)[number]['sortKey'];

export interface ItemKey {
  pk: string;
  sk: string;
}

const USER = 'USER#';
const TASK = 'TASK#';

export const userPartition = (userId: string): string => USER + userId;

export const keys = {
  /** A user's profile (id, email, name, created_at). */
  userProfile: (userId: string): ItemKey => ({ pk: userPartition(userId), sk: 'PROFILE' }),
  /** The uniqueness claim on an email, and the login lookup: carries the user id and password hash. */
  userEmail: (email: string): ItemKey => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: 'EMAIL' }),
  /** Per-user task counters (total and per status), answering `total_count` without reading tasks. */
  taskCounters: (userId: string): ItemKey => ({ pk: userPartition(userId), sk: 'COUNTERS' }),
  /** One task, in its owner's partition. */
  task: (userId: string, taskId: string): ItemKey => ({ pk: userPartition(userId), sk: TASK + taskId }),
  /** The sort-key prefix shared by all of a user's tasks (and nothing else in the partition). */
  taskPrefix: TASK,
  /** An idempotency record: scoped to the user, so two users may use the same key. */
  idempotency: (userId: string, idempotencyKey: string): { pk: string } => ({
    pk: `${userId}#${idempotencyKey}`,
  }),
  /** A fixed-window rate-limit counter for one policy, client IP and window. */
  rateLimit: (policy: string, clientIp: string, windowStart: number): { pk: string } => ({
    pk: `${policy}#${clientIp}#${windowStart}`,
  }),
} as const;

export const taskIdFromSortKey = (sk: string): string => sk.slice(TASK.length);

/** Sorts `low < medium < high` as strings. */
export const PRIORITY_RANK: Record<TaskPriority, string> = { low: '1', medium: '2', high: '3' };

/**
 * The separator between an index's value and the id. Below every character a title may hold (control
 * characters are rejected), so "a" sorts before "a b" and before "ab".
 */
const SEPARATOR = '\u0001';
/** Stands for "no due date": above every digit, so undated tasks sort after dated ones ascending. */
export const NO_DUE_DATE = '~';

/** Index sort-key values: the indexed value, then the id, so every order is total. */
export const indexKey = {
  updatedAt: (id: string, updatedAt: string): string => updatedAt + SEPARATOR + id,
  title: (id: string, title: string): string => title.toLowerCase() + SEPARATOR + id,
  dueDate: (id: string, dueDate: string | null): string => (dueDate ?? NO_DUE_DATE) + SEPARATOR + id,
  priority: (id: string, priority: TaskPriority): string => PRIORITY_RANK[priority] + SEPARATOR + id,
  status: (id: string, status: TaskStatus): string => status + SEPARATOR + id,
};

/** The start of the index key range that holds exactly the tasks whose indexed value is `value`. */
export const indexValuePrefix = (value: string): string => value + SEPARATOR;

export const indexes = Object.fromEntries(
  tasksTable.localIndexes.map((index) => [index.indexName, index.sortKey]),
) as Record<IndexName, IndexKeyAttribute>;
export type { IndexName, IndexKeyAttribute };
