import { changeTask } from '../shared/data/task-writes';
import { patchFields } from '../shared/domain/task';
import type { ApiRequest } from '../shared/http/api-context';
import { httpHandler } from '../shared/http/http-handler';
import type { ApiResponse } from '../shared/http/response';
import { taskResponse } from '../shared/http/task-response';
import { updateTaskContract } from './update.contract';

/** JSON Merge Patch (RFC 7396) of the writable fields, honouring If-Match. */
async function updateTask(request: ApiRequest<typeof updateTaskContract>): Promise<ApiResponse> {
  const { userId, version, body, params, headers } = request;
  const task = await changeTask(userId, params.id, headers['If-Match'], patchFields(body));
  return taskResponse(200, task, version);
}

export const handler = httpHandler(updateTaskContract, updateTask);
