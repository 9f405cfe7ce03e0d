import { changeTask } from '../shared/data/task-writes';
import { replacementFields } from '../shared/domain/task';
import type { ApiRequest } from '../shared/http/api-context';
import { httpHandler } from '../shared/http/http-handler';
import type { ApiResponse } from '../shared/http/response';
import { taskResponse } from '../shared/http/task-response';
import { replaceTaskContract } from './replace.contract';

/** Replaces the version's writable fields (omitted ones return to defaults), honouring If-Match. */
async function replaceTask(request: ApiRequest<typeof replaceTaskContract>): Promise<ApiResponse> {
  const { userId, version, body, params, headers } = request;
  const fields = replacementFields(body, version);
  const task = await changeTask(userId, params.id, headers['If-Match'], fields);
  return taskResponse(200, task, version);
}

export const handler = httpHandler(replaceTaskContract, replaceTask);
