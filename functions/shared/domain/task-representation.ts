import type { ApiVersion } from './api-version';
import { z } from 'zod';
import { link, LinkSchema } from './links';
import { PrioritySchema, StatusSchema, type Task } from './task-schemas';

/** What v1 clients see of a task (also the OpenAPI response schema). */
export const TaskV1Schema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  status: StatusSchema,
  created_at: z.string(),
  updated_at: z.string(),
});
export type TaskV1 = z.infer<typeof TaskV1Schema>;

/** What v2 clients see: v1's fields, the v2 fields, and HATEOAS links. */
export const TaskV2Schema = TaskV1Schema.extend({
  priority: PrioritySchema,
  due_date: z.string().nullable(),
  tags: z.array(z.string()),
  links: z.array(LinkSchema),
});
export type TaskV2 = z.infer<typeof TaskV2Schema>;

/** The single-task response body of each version. */
export const taskBodies = { v1: TaskV1Schema, v2: TaskV2Schema } as const;

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
