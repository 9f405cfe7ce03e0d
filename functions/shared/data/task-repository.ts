import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Task, TaskFields } from '../domain/task-schemas';
import { dynamo } from './dynamodb-client';
import { changedAttributes, counterUpdate, fromTaskItem, taskKeys, toTaskItem } from './entities/task-entity';
import { tableName } from './table-names';
import { cancellationReasons, WriteConflict, type TransactItem } from './transactions';

/** An in-place update did not apply; `current` is the task as it is (absent: no such task). */
export class UpdateNotApplied extends Error {
  constructor(readonly current: Task | undefined) {
    super('the in-place update did not apply');
    this.name = 'UpdateNotApplied';
  }
}

/**
 * Reads and writes single tasks. Every write is conditional (on existence, the version, the status), so
 * a concurrent change is detected instead of overwritten; counters move in the same transaction.
 */
export const taskRepository = {
  /** One strongly consistent GetItem: a client reads its own writes. */
  async get(userId: string, taskId: string): Promise<Task | undefined> {
    const { Item } = await dynamo.send(
      new GetCommand({
        TableName: tableName('tasks'),
        Key: taskKeys.task(userId, taskId),
        ConsistentRead: true,
      }),
    );
    return Item ? fromTaskItem(Item) : undefined;
  },

  /**
   * Creates a task and counts it, in one transaction; `extra` actions (the idempotency record) join it.
   * Throws the transaction's own error when an extra action's condition fails, for its owner to read.
   */
  async create(task: Task, extra: TransactItem[] = []): Promise<void> {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          ...extra,
          {
            Put: {
              TableName: tableName('tasks'),
              Item: toTaskItem(task),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          counterUpdate(task.owner_id, { total: 1, add: task.status }),
        ],
      }),
    );
  },

  /**
   * The one-round-trip change: an UpdateItem that sets `fields` (and what they derive) and bumps the
   * version, on condition that the task exists, has `expectedVersion` (If-Match) and keeps its status
   * (the status counters need no change then), and that `updatedAt` moves forward. Otherwise it throws
   * UpdateNotApplied with the task as it is (returned by the failed write itself: no extra read).
   */
  async updateInPlace(
    userId: string,
    taskId: string,
    fields: TaskFields,
    updatedAt: string,
    expectedVersion?: number,
  ): Promise<Task> {
    const attributes = changedAttributes(taskId, fields, updatedAt);
    const names: Record<string, string> = { '#pk': 'pk', '#version': 'version', '#updated_at': 'updated_at' };
    const values: Record<string, unknown> = { ':one': 1, ':now': updatedAt };
    const sets = Object.entries(attributes).map(([attribute, value], index) => {
      names[`#a${index}`] = attribute;
      values[`:a${index}`] = value;
      return `#a${index} = :a${index}`;
    });
    const conditions = ['attribute_exists(#pk)', '#updated_at < :now'];
    if (expectedVersion !== undefined) {
      values[':expected'] = expectedVersion;
      conditions.push('#version = :expected');
    }
    if (fields.status !== undefined) {
      names['#status'] = 'status';
      values[':status'] = fields.status;
      conditions.push('#status = :status');
    }
    try {
      const { Attributes } = await dynamo.send(
        new UpdateCommand({
          TableName: tableName('tasks'),
          Key: taskKeys.task(userId, taskId),
          UpdateExpression: `SET ${sets.join(', ')} ADD #version :one`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return fromTaskItem(Attributes ?? {});
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      throw new UpdateNotApplied(error.Item ? fromTaskItem(unmarshall(error.Item)) : undefined);
    }
  },

  /** Replaces `previous` with `next` if nobody changed it meanwhile; moves the status counters if needed. */
  async save(previous: Task, next: Task): Promise<void> {
    const put = {
      TableName: tableName('tasks'),
      Item: toTaskItem(next),
      ConditionExpression: 'version = :read',
      ExpressionAttributeValues: { ':read': previous.version },
      // A lost race hands back the task as it is now, so the writer can re-apply without reading it.
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };
    if (previous.status === next.status) {
      await conditional(() => dynamo.send(new PutCommand(put)));
      return;
    }
    await conditional(() =>
      dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: put },
            counterUpdate(next.owner_id, { add: next.status, remove: previous.status }),
          ],
        }),
      ),
    );
  },

  /** Deletes the task as it was read (same version) and uncounts it, in one transaction. */
  async delete(task: Task): Promise<void> {
    await conditional(() =>
      dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: tableName('tasks'),
                Key: taskKeys.task(task.owner_id, task.id),
                ConditionExpression: 'version = :read',
                ExpressionAttributeValues: { ':read': task.version },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            counterUpdate(task.owner_id, { total: -1, remove: task.status }),
          ],
        }),
      ),
    );
  },
};

/**
 * Runs a conditional write on one task; a failed condition or a conflicting concurrent transaction is a
 * WriteConflict, carrying the task as the write found it when DynamoDB returned it (first action's item).
 */
async function conditional(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new WriteConflict<Task>(error.Item ? fromTaskItem(unmarshall(error.Item)) : undefined);
    }
    const reasons = cancellationReasons(error);
    const lost = reasons?.some(
      (reason) => reason.code === 'ConditionalCheckFailed' || reason.code === 'TransactionConflict',
    );
    if (lost) {
      const found = reasons?.[0]?.item;
      throw new WriteConflict<Task>(found ? fromTaskItem(found) : undefined);
    }
    throw error;
  }
}
