import type { ApiVersion } from './api-version';
import { link } from './links';
import type { TaskV1, TaskV2 } from './response-schemas';
import type { Task } from './task-schemas';

export const taskPath = (version: ApiVersion, id: string): string => `/${version}/tasks/${id}`;

/** The version's representation of a task; field order is fixed so bodies are byte-stable. */
export function representTask(task: Task, version: ApiVersion): TaskV1 | TaskV2 {
  const v1: TaskV1 = {
    id: task.id,
    title: task.title,
    description: task.description,
    status: task.status,
    created_at: task.created_at,
    updated_at: task.updated_at,
  };
  if (version === 'v1') return v1;
  const self = taskPath(version, task.id);
  return {
    ...v1,
    priority: task.priority,
    due_date: task.due_date,
    tags: task.tags,
    links: [
      link('self', self),
      link('update', self, 'PATCH'),
      link('replace', self, 'PUT'),
      link('delete', self, 'DELETE'),
    ],
  };
}
