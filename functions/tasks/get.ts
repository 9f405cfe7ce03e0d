import { taskBodies } from '../shared/domain/task-representation';
import { taskRepository } from '../shared/data/task-repository';
import { etagOf, noneMatchHits } from '../shared/domain/etag';
import { parseTaskId } from '../shared/domain/task';
import { httpHandler } from '../shared/http/http-handler';
import { notFound } from '../shared/http/problem-error';
import { notModified } from '../shared/http/response';
import { taskResponse } from '../shared/http/task-response';

/** `GET /tasks/{id}`: 200 + ETag, or 304 when If-None-Match names the current ETag. */
export const handler = httpHandler(
  { auth: true, cache: 'revalidate', success: { status: 200, body: taskBodies, description: 'The task' } },
  async ({ userId, version, headers, pathParameters }) => {
    const task = await taskRepository.get(userId, parseTaskId(pathParameters.id));
    if (!task) throw notFound('Task');
    if (noneMatchHits(headers['if-none-match'], etagOf(task.version)))
      return notModified(etagOf(task.version));
    return taskResponse(200, task, version);
  },
);
