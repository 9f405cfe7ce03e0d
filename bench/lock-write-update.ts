import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo } from '../functions/shared/data/dynamodb-client';
import { idempotencyKey } from '../functions/shared/data/entities/idempotency-entity';
import { tableName } from '../functions/shared/data/table-names';
import { taskRepository } from '../functions/shared/data/task-repository';
import { newTask } from '../functions/shared/domain/task';
import { taskPath } from '../functions/shared/domain/task-representation';
import { ProblemError } from '../functions/shared/errors/problem-error';
import { httpHandler } from '../functions/shared/http/http-handler';
import { requestFingerprint } from '../functions/shared/http/idempotency-key';
import { createTaskContract } from '../functions/tasks/create.contract';
import type { ApiResponse } from '../functions/shared/http/response';
import { taskResponse } from '../functions/shared/http/task-response';
import type { ProxyHandler } from './invoke';

/**
 * The comparison for section 4, not used by the API: idempotent create the way Powertools' idempotency
 * utility does it (lock → work → update). A conditional PutItem claims the key with an INPROGRESS record,
 * the task is created (its own TransactWriteItems: put + counters), then an UpdateItem stores the response
 * and marks the record COMPLETED: 3 requests, and a window in which a crash leaves an INPROGRESS record.
 * Same handler factory, schemas and responses as `functions/tasks/create.ts`, so only the storage differs.
 */
const TTL_SECONDS = 24 * 60 * 60;
const IN_PROGRESS_SECONDS = 30;

interface LockRecord {
  status: 'INPROGRESS' | 'COMPLETED';
  fingerprint: string;
  response?: ApiResponse;
}

/** Claims the key; returns the existing record when someone already holds it. */
async function lock(userId: string, key: string, fingerprint: string): Promise<LockRecord | undefined> {
  const now = Math.floor(Date.now() / 1000);
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName('idempotency'),
        Item: {
          ...idempotencyKey(userId, key),
          status: 'INPROGRESS',
          fingerprint,
          in_progress_expiry: now + IN_PROGRESS_SECONDS,
          expires_at: now + TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR expires_at <= :now',
        ExpressionAttributeValues: { ':now': now },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return undefined;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return error.Item ? (unmarshall(error.Item) as LockRecord) : { status: 'INPROGRESS', fingerprint };
  }
}

const complete = (userId: string, key: string, response: ApiResponse) =>
  dynamo.send(
    new UpdateCommand({
      TableName: tableName('idempotency'),
      Key: idempotencyKey(userId, key),
      UpdateExpression: 'SET #status = :completed, #response = :response',
      ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
      ExpressionAttributeValues: { ':completed': 'COMPLETED', ':response': response },
    }),
  );

const release = (userId: string, key: string) =>
  dynamo.send(new DeleteCommand({ TableName: tableName('idempotency'), Key: idempotencyKey(userId, key) }));

function replay(record: LockRecord, fingerprint: string): ApiResponse {
  if (record.fingerprint !== fingerprint) {
    throw new ProblemError('idempotency-key-reused', 'This Idempotency-Key was used for a different request');
  }
  if (record.status !== 'COMPLETED' || !record.response) {
    throw new ProblemError(
      'idempotency-in-flight',
      'A request with this Idempotency-Key is still being processed',
      {
        headers: { 'Retry-After': '1' },
      },
    );
  }
  return { ...record.response, headers: { ...record.response.headers, 'Idempotent-Replayed': 'true' } };
}

/** `POST /tasks`, lock-write-update style. */
export const lockWriteUpdateCreate = httpHandler(
  createTaskContract,
  async ({ userId, version, body, headers, path, event }) => {
    const key = headers['Idempotency-Key'];
    const task = newTask(userId, body);
    const response = taskResponse(201, task, version, { Location: taskPath(version, task.id) });
    if (key === undefined) {
      await taskRepository.create(task);
      return response;
    }
    const fingerprint = requestFingerprint('POST', path, event.body);
    const existing = await lock(userId, key, fingerprint);
    if (existing) return replay(existing, fingerprint);
    try {
      await taskRepository.create(task);
    } catch (error) {
      await release(userId, key); // a failed create must not block a corrected retry
      throw error;
    }
    await complete(userId, key, response);
    return response;
  },
) as ProxyHandler;
