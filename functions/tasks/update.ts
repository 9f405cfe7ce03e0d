import { taskBodies } from '../shared/domain/task-representation';
import { parseTaskId, patchFields } from '../shared/domain/task';
import { changeTask } from '../shared/domain/task-changes';
import { TaskPatchV1Schema, TaskPatchV2Schema } from '../shared/domain/task-schemas';
import { httpHandler } from '../shared/http/http-handler';
import { taskResponse } from '../shared/http/task-response';

/** `PATCH /tasks/{id}`: JSON Merge Patch (RFC 7396) of the writable fields. */
export const handler = httpHandler(
  {
    auth: true,
    cache: 'revalidate',
    mergePatch: true,
    body: { v1: TaskPatchV1Schema, v2: TaskPatchV2Schema },
    success: { status: 200, body: taskBodies, description: 'The updated task' },
  },
  async ({ userId, version, body, headers, pathParameters }) => {
    const task = await changeTask(
      userId,
      parseTaskId(pathParameters.id),
      headers['if-match'],
      patchFields(body),
    );
    return taskResponse(200, task, version);
  },
);
