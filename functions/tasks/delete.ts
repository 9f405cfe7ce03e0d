import { parseTaskId } from '../shared/domain/task';
import { deleteTask } from '../shared/domain/task-changes';
import { httpHandler } from '../shared/http/http-handler';
import { noContent } from '../shared/http/response';

/** `DELETE /tasks/{id}`: 204; afterwards the task is 404. */
export const handler = httpHandler(
  { auth: true, cache: 'revalidate', success: { status: 204, description: 'Deleted' } },
  async ({ userId, headers, pathParameters }) => {
    await deleteTask(userId, parseTaskId(pathParameters.id), headers['if-match']);
    return noContent();
  },
);
