import type { Task } from '../domain/task-schemas';
import { indexKeys, keys } from './keys';

/**
 * A task as stored: the domain fields, its key, the index sort keys and the lower-cased title and
 * description that `q` searches (DynamoDB's `contains` is case-sensitive).
 */
export type TaskItem = Task &
  ReturnType<typeof indexKeys> & { pk: string; sk: string; search_title: string; search_description: string };

export function toTaskItem(task: Task): TaskItem {
  return {
    ...keys.task(task.owner_id, task.id),
    ...task,
    ...indexKeys(task),
    search_title: task.title.toLowerCase(),
    search_description: (task.description ?? '').toLowerCase(),
  };
}

/** The domain task from a stored item: only the domain fields, in a fixed order. */
export function fromTaskItem(item: Record<string, unknown>): Task {
  const stored = item as TaskItem;
  return {
    id: stored.id,
    owner_id: stored.owner_id,
    title: stored.title,
    description: stored.description ?? null,
    status: stored.status,
    priority: stored.priority,
    due_date: stored.due_date ?? null,
    tags: stored.tags ?? [],
    created_at: stored.created_at,
    updated_at: stored.updated_at,
    version: stored.version,
  };
}
