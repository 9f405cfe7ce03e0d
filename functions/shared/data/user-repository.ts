import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { User } from '../domain/user-schemas';
import { ProblemError } from '../errors/problem-error';
import { dynamo } from './dynamodb-client';
import {
  fromEmailItem,
  PASSWORD_HASH,
  fromProfileItem,
  toEmailItem,
  toProfileItem,
  userKeys,
  type Credentials,
} from './entities/user-entity';
import { isRevoked, SESSION_ATTRIBUTES } from './entities/session-entity';
import { tableName } from './table-names';
import { cancellationReasons } from './transactions';

/** Users: a profile in the user's partition, and an email item that claims the address and serves login. */
export const userRepository = {
  /** Creates the user and claims the email in one transaction: a duplicate email is a 409, never two users. */
  async create(user: User, passwordHash: string): Promise<void> {
    const table = tableName('tasks');
    try {
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: toEmailItem(user.email, { userId: user.id, passwordHash }),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: { TableName: table, Item: toProfileItem(user) } },
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
  async credentials(email: string): Promise<Credentials | undefined> {
    const { Item } = await dynamo.send(
      new GetCommand({ TableName: tableName('tasks'), Key: userKeys.email(email) }),
    );
    return Item ? fromEmailItem(Item) : undefined;
  },

  /**
   * Stores a new hash of the same password (a cost upgrade), only if the stored one is still `previous`: a
   * password changed meanwhile is never overwritten.
   */
  async replacePasswordHash(email: string, previous: string, next: string): Promise<void> {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName('tasks'),
          Key: userKeys.email(email),
          UpdateExpression: 'SET #hash = :next',
          ConditionExpression: '#hash = :previous',
          ExpressionAttributeNames: { '#hash': PASSWORD_HASH },
          ExpressionAttributeValues: { ':next': next, ':previous': previous },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  },

  /** The profile, and whether a token issued at `tokenIssuedAt` (ms) has been revoked (it is stored there). */
  async get(userId: string, tokenIssuedAt = 0): Promise<{ user: User; tokenRevoked: boolean } | undefined> {
    const { Item } = await dynamo.send(
      new GetCommand({ TableName: tableName('tasks'), Key: userKeys.profile(userId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return {
      user: fromProfileItem(Item),
      tokenRevoked: isRevoked(tokenIssuedAt, Item[SESSION_ATTRIBUTES.revokedThrough]),
    };
  },
};
