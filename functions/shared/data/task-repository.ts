import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Task } from '../domain/task-schemas';
import { dynamo } from './dynamodb-client';
import { keys } from './keys';
import { counterUpdate } from './task-counters';
import { fromTaskItem, toTaskItem } from './task-item';
import { tables } from './tables';
import { cancellationReasons, WriteConflict, type TransactItem } from './transactions';

/**
 * Reads and writes single tasks. Every write is conditional on the version that was read, so a concurrent
 * change is detected (WriteConflict) instead of overwritten; counters move in the same transaction.
 */
export const taskRepository = {
  /** One strongly consistent GetItem: a client reads its own writes. */
  async get(userId: string, taskId: string): Promise<Task | undefined> {
    const { Item } = await dynamo.send(
      new GetCommand({ TableName: tables.tasks, Key: keys.task(userId, taskId), ConsistentRead: true }),
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
              TableName: tables.tasks,
              Item: toTaskItem(task),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          counterUpdate(task.owner_id, { total: 1, add: task.status }),
        ],
      }),
    );
  },

  /** Replaces `previous` with `next` if nobody changed it meanwhile; moves the status counters if needed. */
  async save(previous: Task, next: Task): Promise<void> {
    const put = {
      TableName: tables.tasks,
      Item: toTaskItem(next),
      ConditionExpression: 'version = :read',
      ExpressionAttributeValues: { ':read': previous.version },
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
                TableName: tables.tasks,
                Key: keys.task(task.owner_id, task.id),
                ConditionExpression: 'version = :read',
                ExpressionAttributeValues: { ':read': task.version },
              },
            },
            counterUpdate(task.owner_id, { total: -1, remove: task.status }),
          ],
        }),
      ),
    );
  },
};

/** Runs a conditional write; a failed condition or a conflicting concurrent transaction is a WriteConflict. */
async function conditional(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    const reasons = cancellationReasons(error);
    const lost = reasons?.some(
      (reason) => reason.code === 'ConditionalCheckFailed' || reason.code === 'TransactionConflict',
    );
    if (error instanceof ConditionalCheckFailedException || lost) throw new WriteConflict();
    throw error;
  }
}
