import type { ApiVersion } from '../domain/api-version';
import { etagOf } from '../domain/etag';
import { representTask } from '../domain/task-representation';
import type { Task } from '../domain/task-schemas';
import { json, type ApiResponse } from './response';

/** A response carrying one task: its version's representation and its strong ETag. */
export function taskResponse(
  statusCode: number,
  task: Task,
  version: ApiVersion,
  headers: Record<string, string> = {},
): ApiResponse {
  return json(statusCode, representTask(task, version), { ETag: etagOf(task.version), ...headers });
}
