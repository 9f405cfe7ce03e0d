import { TaskPatchV1Schema, TaskPatchV2Schema, TaskPathSchema } from '../shared/domain/task-schemas';
import { ConditionalWriteHeaders } from '../shared/http/header-schemas';
import { JSON_MEDIA_TYPE, MERGE_PATCH_MEDIA_TYPE, type RouteContract } from '../shared/http/route-contract';

/** `PATCH /tasks/{id}`: JSON Merge Patch (RFC 7396) of the writable fields. */
export const updateTaskContract = {
  id: 'UpdateTask',
  method: 'PATCH',
  path: '/tasks/{id}',
  entry: 'functions/tasks/update.ts',
  summary: 'Update some fields of a task',
  description:
    'A JSON Merge Patch (RFC 7396): present fields replace, `null` clears `description` or `due_date`, absent fields stay. With `If-Match`, the write happens only if the task still has that ETag (`412` otherwise).',
  tag: 'Tasks',
  auth: 'jwt',
  apiKey: true,
  cache: 'revalidate',
  request: {
    path: TaskPathSchema,
    headers: ConditionalWriteHeaders,
    body: {
      schema: { v1: TaskPatchV1Schema, v2: TaskPatchV2Schema },
      mediaTypes: [JSON_MEDIA_TYPE, MERGE_PATCH_MEDIA_TYPE],
    },
  },
  responses: [{ status: 200, description: 'The updated task', body: 'Task', headers: ['ETag'] }],
  errors: ['precondition-failed', 'edit-conflict'],
  metrics: { success: 'TasksUpdated' },
  // As PUT: an in-place UpdateItem, or a transaction (put + counters) on a status change; GetItem on a race.
  access: { tables: { tasks: { actions: ['GetItem', 'UpdateItem', 'PutItem'] } } },
} as const satisfies RouteContract;
