import { TaskWriteV1Schema, TaskWriteV2Schema } from '../shared/domain/task-schemas';
import { IdempotencyKeyHeader } from '../shared/http/header-schemas';
import type { RouteContract } from '../shared/http/route-contract';
import * as z from 'zod/mini';

/** `POST /tasks`: 201 + Location + ETag; with an Idempotency-Key, exactly once per key for 24 hours. */
export const createTaskContract = {
  id: 'CreateTask',
  method: 'POST',
  path: '/tasks',
  entry: 'functions/tasks/create.ts',
  summary: 'Create a task',
  description:
    'Creates a task and answers `201` with `Location` and `ETag`. Send an `Idempotency-Key` to make retries safe: for 24 hours the same key and the same request replay the first answer (`Idempotent-Replayed: true`) instead of creating a second task; the same key with another request is a `422`, and while the first is still being written a `409` with `Retry-After`.',
  tag: 'Tasks',
  auth: 'jwt',
  apiKey: true,
  cache: 'revalidate',
  request: {
    headers: z.object({ 'Idempotency-Key': IdempotencyKeyHeader }),
    body: { schema: { v1: TaskWriteV1Schema, v2: TaskWriteV2Schema } },
  },
  responses: [
    {
      status: 201,
      description: 'The created task, or the stored answer replayed for a repeated Idempotency-Key',
      body: 'Task',
      headers: ['Location', 'ETag', 'Idempotent-Replayed'],
    },
  ],
  errors: ['idempotency-in-flight', 'idempotency-key-reused'],
  metrics: { success: 'TasksCreated' },
  access: {
    tables: {
      // One transaction: put the task, update the owner's counters (and claim the key, below).
      tasks: { actions: ['PutItem', 'UpdateItem'] },
      // The conditional put of the record; a read of it when a cancelled claim did not return it.
      idempotency: { actions: ['PutItem', 'GetItem'] },
    },
  },
} as const satisfies RouteContract;
