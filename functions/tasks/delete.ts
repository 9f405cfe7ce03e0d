import { deleteTask } from '../shared/data/task-writes';
import type { ApiRequest } from '../shared/http/api-context';
import { httpHandler } from '../shared/http/http-handler';
import { noContent, type ApiResponse } from '../shared/http/response';
import { deleteTaskContract } from './delete.contract';

/** 204; afterwards the task is 404. Honours If-Match. */
async function deleteTaskById({
  userId,
  params,
  headers,
}: ApiRequest<typeof deleteTaskContract>): Promise<ApiResponse> {
  await deleteTask(userId, params.id, headers['If-Match']);
  return noContent();
}

export const handler = httpHandler(deleteTaskContract, deleteTaskById);
