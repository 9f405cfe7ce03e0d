import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { User } from '../domain/user-schemas';
import { ProblemError } from '../http/problem-error';
import { dynamo } from './dynamodb-client';
import { keys } from './keys';
import { tables } from './tables';
import { cancellationReasons } from './transactions';

/** Users: a profile in the user's partition, and an email item that claims the address and serves login. */
export const userRepository = {
  /** Creates the user and claims the email in one transaction: a duplicate email is a 409, never two users. */
  async create(user: User, passwordHash: string): Promise<void> {
    try {
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tables.tasks,
                Item: { ...keys.userEmail(user.email), user_id: user.id, password_hash: passwordHash },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: { TableName: tables.tasks, Item: { ...keys.userProfile(user.id), ...user } } },
          ],
        }),
      );
    } catch (error) {
      if (cancellationReasons(error)?.[0]?.code === 'ConditionalCheckFailed') {
        throw new ProblemError('email-taken', 'An account with this email already exists');
      }
      throw error;
    }
  },

  /** What login needs, from one GetItem on the email item. */
  async credentials(email: string): Promise<{ userId: string; passwordHash: string } | undefined> {
    const { Item } = await dynamo.send(
      new GetCommand({ TableName: tables.tasks, Key: keys.userEmail(email) }),
    );
    return Item ? { userId: String(Item.user_id), passwordHash: String(Item.password_hash) } : undefined;
  },

  async get(userId: string): Promise<User | undefined> {
    const { Item } = await dynamo.send(
      new GetCommand({ TableName: tables.tasks, Key: keys.userProfile(userId) }),
    );
    return Item
      ? {
          id: String(Item.id),
          email: String(Item.email),
          name: (Item.name as string | null) ?? null,
          created_at: String(Item.created_at),
        }
      : undefined;
  },
};
