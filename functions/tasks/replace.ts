import { taskBodies } from '../shared/domain/task-representation';
import { parseTaskId, replacementFields } from '../shared/domain/task';
import { changeTask } from '../shared/domain/task-changes';
import { TaskWriteV1Schema, TaskWriteV2Schema } from '../shared/domain/task-schemas';
import { httpHandler } from '../shared/http/http-handler';
import { taskResponse } from '../shared/http/task-response';

/** `PUT /tasks/{id}`: replaces the version's writable fields (omitted ones return to defaults). */
export const handler = httpHandler(
  {
    auth: true,
    cache: 'revalidate',
    body: { v1: TaskWriteV1Schema, v2: TaskWriteV2Schema },
    success: { status: 200, body: taskBodies, description: 'The replaced task' },
  },
  async ({ userId, version, body, headers, pathParameters }) => {
    const task = await changeTask(
      userId,
      parseTaskId(pathParameters.id),
      headers['if-match'],
      replacementFields(body, version),
    );
    return taskResponse(200, task, version);
  },
);
