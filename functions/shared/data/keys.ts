import type { Task, TaskPriority } from '../domain/task-schemas';
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

/** The index sort-key values of a task, one per local secondary index. */
export function indexKeys(task: Task): Record<IndexKeyAttribute, string> {
  return {
    lsi_updated_at: task.updated_at + SEPARATOR + task.id,
    lsi_title: task.title.toLowerCase() + SEPARATOR + task.id,
    lsi_due_date: (task.due_date ?? NO_DUE_DATE) + SEPARATOR + task.id,
    lsi_priority: PRIORITY_RANK[task.priority] + SEPARATOR + task.id,
    lsi_status: task.status + SEPARATOR + task.id,
  };
}

/** The start of the index key range that holds exactly the tasks whose indexed value is `value`. */
export const indexValuePrefix = (value: string): string => value + SEPARATOR;

export const indexes = Object.fromEntries(
  tasksTable.localIndexes.map((index) => [index.indexName, index.sortKey]),
) as Record<IndexName, IndexKeyAttribute>;
export type { IndexName, IndexKeyAttribute };
