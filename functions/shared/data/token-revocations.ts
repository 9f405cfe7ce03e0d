import { dynamoDbCall } from './dynamodb-fetch';
import { isRevoked, SESSION_ATTRIBUTES, sessionKey } from './entities/session-entity';
import { tableName } from './table-names';

/**
 * Whether logout has revoked a token issued at `issuedAtMs` to `userId`: one strongly consistent GetItem of
 * one attribute, over `fetch` (no AWS SDK: the authorizer calls this once per cache miss).
 */
export async function tokenRevoked(userId: string, issuedAtMs: number): Promise<boolean> {
  const { pk, sk } = sessionKey(userId);
  const { Item } = await dynamoDbCall<{ Item?: Record<string, { N?: string }> }>('GetItem', {
    TableName: tableName('tasks'),
    Key: { pk: { S: pk }, sk: { S: sk } },
    ProjectionExpression: '#revoked',
    ExpressionAttributeNames: { '#revoked': SESSION_ATTRIBUTES.revokedThrough },
    ConsistentRead: true,
  });
  const stored = Item?.[SESSION_ATTRIBUTES.revokedThrough]?.N;
  return isRevoked(issuedAtMs, stored === undefined ? undefined : Number(stored));
}
