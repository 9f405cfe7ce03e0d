import { TaskPathSchema } from '../shared/domain/task-schemas';
import { ConditionalWriteHeaders } from '../shared/http/header-schemas';
import type { RouteContract } from '../shared/http/route-contract';

/** `DELETE /tasks/{id}`: 204; afterwards the task is 404. */
export const deleteTaskContract = {
  id: 'DeleteTask',
  method: 'DELETE',
  path: '/tasks/{id}',
  entry: 'functions/tasks/delete.ts',
  summary: 'Delete a task',
  description:
    'Deletes the task; afterwards `GET` and `DELETE` are `404`. With `If-Match`, only if the task still has that ETag (`412` otherwise).',
  tag: 'Tasks',
  auth: 'jwt',
  apiKey: true,
  cache: 'revalidate',
  request: { path: TaskPathSchema, headers: ConditionalWriteHeaders },
  responses: [{ status: 204, description: 'Deleted' }],
  errors: ['precondition-failed', 'edit-conflict'],
  metrics: { success: 'TasksDeleted' },
  // A read for the status to uncount, then a transaction: delete the task, update the counters.
  access: { tables: { tasks: { actions: ['GetItem', 'DeleteItem', 'UpdateItem'] } } },
} as const satisfies RouteContract;
