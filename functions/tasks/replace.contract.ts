import { TaskPathSchema, TaskWriteV1Schema, TaskWriteV2Schema } from '../shared/domain/task-schemas';
import { ConditionalWriteHeaders } from '../shared/http/header-schemas';
import type { RouteContract } from '../shared/http/route-contract';

/** `PUT /tasks/{id}`: replaces the version's writable fields (omitted ones return to defaults). */
export const replaceTaskContract = {
  id: 'ReplaceTask',
  method: 'PUT',
  path: '/tasks/{id}',
  entry: 'functions/tasks/replace.ts',
  summary: 'Replace a task',
  description:
    "Replaces the writable fields of this version: omitted optional fields return to their defaults (a v1 `PUT` keeps v2's priority, due date and tags). With `If-Match`, the write happens only if the task still has that ETag (`412` otherwise).",
  tag: 'Tasks',
  auth: 'jwt',
  apiKey: true,
  cache: 'revalidate',
  request: {
    path: TaskPathSchema,
    headers: ConditionalWriteHeaders,
    body: { schema: { v1: TaskWriteV1Schema, v2: TaskWriteV2Schema } },
  },
  responses: [{ status: 200, description: 'The replaced task', body: 'Task', headers: ['ETag'] }],
  errors: ['precondition-failed', 'edit-conflict'],
  metrics: { success: 'TasksUpdated' },
  // An in-place UpdateItem; on a status change, a transaction putting the task and updating the counters;
  // a GetItem when a lost race did not return the task.
  access: { tables: { tasks: { actions: ['GetItem', 'UpdateItem', 'PutItem'] } } },
} as const satisfies RouteContract;
