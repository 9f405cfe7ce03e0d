import { taskRepository } from '../shared/data/task-repository';
import { etagOf, tagsMatchWeakly } from '../shared/domain/etag';
import { notFound } from '../shared/errors/problem-error';
import type { ApiRequest } from '../shared/http/api-context';
import { httpHandler } from '../shared/http/http-handler';
import { notModified, type ApiResponse } from '../shared/http/response';
import { taskResponse } from '../shared/http/task-response';
import { getTaskContract } from './get.contract';

/** 200 + ETag, or 304 when If-None-Match names the current ETag. */
async function getTask({
  userId,
  version,
  params,
  headers,
}: ApiRequest<typeof getTaskContract>): Promise<ApiResponse> {
  const task = await taskRepository.get(userId, params.id);
  if (!task) throw notFound('Task');
  const etag = etagOf(task.version);
  const noneMatch = headers['If-None-Match'];
  if (noneMatch !== undefined && tagsMatchWeakly(noneMatch, etag)) return notModified(etag);
  return taskResponse(200, task, version);
}

export const handler = httpHandler(getTaskContract, getTask);
