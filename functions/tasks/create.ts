import { claimIdempotencyKey, runOnce } from '../shared/data/idempotency-store';
import { taskRepository } from '../shared/data/task-repository';
import { newTask } from '../shared/domain/task';
import { taskPath } from '../shared/domain/task-representation';
import type { ApiRequest } from '../shared/http/api-context';
import { httpHandler } from '../shared/http/http-handler';
import { requestFingerprint } from '../shared/http/idempotency-key';
import type { ApiResponse } from '../shared/http/response';
import { taskResponse } from '../shared/http/task-response';
import { createTaskContract } from './create.contract';

/**
 * 201 + Location + ETag. With an Idempotency-Key, the task, its counters and the key's record (holding
 * this exact response) commit in one transaction; a repeat gets the stored response.
 */
async function createTask(request: ApiRequest<typeof createTaskContract>): Promise<ApiResponse> {
  const { userId, version, body, path, event } = request;
  const key = request.headers['Idempotency-Key'];
  const task = newTask(userId, body);
  const response = taskResponse(201, task, version, { Location: taskPath(version, task.id) });
  if (key === undefined) {
    await taskRepository.create(task);
    return response;
  }
  // event.body is the parsed JSON as sent (before validation's trimming): the request's own identity.
  const idempotent = { key, fingerprint: requestFingerprint('POST', path, event.body) };
  return runOnce(userId, idempotent, response, () =>
    taskRepository.create(task, [claimIdempotencyKey(userId, idempotent, response)]),
  );
}

export const handler = httpHandler(createTaskContract, createTask);
