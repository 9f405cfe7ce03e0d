import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './dynamodb-client';
import { SESSION_ATTRIBUTES, sessionKey } from './entities/session-entity';
import { tableName } from './table-names';

/** Logout's write: the user's tokens issued up to an instant are revoked. */
export const sessions = {
  /**
   * Revokes every token of the user issued up to `now` (epoch ms), in one conditional UpdateItem that also
   * checks the token presented is not itself revoked already (nor the user gone): false then, and nothing
   * changes. So a stale token can never log out the sessions its user opened since.
   */
  async revokeAll(userId: string, presentedIssuedAtMs: number, now: number): Promise<boolean> {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName('tasks'),
          Key: sessionKey(userId),
          UpdateExpression: 'SET #revoked = :now',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(#revoked) OR #revoked < :issued)',
          ExpressionAttributeNames: { '#revoked': SESSION_ATTRIBUTES.revokedThrough },
          ExpressionAttributeValues: {
            ':now': Math.max(now, presentedIssuedAtMs),
            ':issued': presentedIssuedAtMs,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },
};
