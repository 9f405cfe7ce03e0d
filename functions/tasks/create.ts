import { taskBodies } from '../shared/domain/task-representation';
import { claimIdempotencyKey, runOnce } from '../shared/data/idempotency-store';
import { taskRepository } from '../shared/data/task-repository';
import { newTask } from '../shared/domain/task';
import { taskPath } from '../shared/domain/task-representation';
import { TaskWriteV1Schema, TaskWriteV2Schema } from '../shared/domain/task-schemas';
import { httpHandler } from '../shared/http/http-handler';
import { parseIdempotencyKey, requestFingerprint } from '../shared/http/idempotency-key';
import { taskResponse } from '../shared/http/task-response';

/**
 * `POST /tasks`: 201 + Location + ETag. With an Idempotency-Key, the task, its counters and the key's
 * record (holding this exact response) commit in one transaction; a repeat gets the stored response.
 */
export const handler = httpHandler(
  {
    auth: true,
    cache: 'revalidate',
    body: { v1: TaskWriteV1Schema, v2: TaskWriteV2Schema },
    success: { status: 201, body: taskBodies, description: 'The created task (or the replayed answer)' },
  },
  async ({ userId, version, body, headers, path, event }) => {
    const key = parseIdempotencyKey(headers['idempotency-key']);
    const task = newTask(userId, body);
    const response = taskResponse(201, task, version, { Location: taskPath(version, task.id) });
    if (key === undefined) {
      await taskRepository.create(task);
      return response;
    }
    // event.body is the parsed JSON as sent (before validation's trimming): the request's own identity.
    const request = { key, fingerprint: requestFingerprint('POST', path, event.body) };
    return runOnce(userId, request, response, () =>
      taskRepository.create(task, [claimIdempotencyKey(userId, request, response)]),
    );
  },
);
