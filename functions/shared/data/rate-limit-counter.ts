import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './dynamodb-client';
import { counterExpiry, RATE_LIMIT_ATTRIBUTES, rateLimitKey } from './entities/rate-limit-entity';
import { tableName } from './table-names';

export interface WindowUsage {
  /** Whether this request fits in the window. */
  allowed: boolean;
  /** Requests left in the window after this one. */
  remaining: number;
}

/**
 * Counts one request against a fixed window with a single conditional UpdateItem: the increment happens
 * only while the count is under the limit, so concurrent requests can never overshoot it. Counter items
 * expire (TTL) shortly after their window ends.
 */
export async function countRequest(
  policy: string,
  clientIp: string,
  limit: number,
  windowStart: number,
  windowEnd: number,
): Promise<WindowUsage> {
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: tableName('rateLimits'),
        Key: rateLimitKey(policy, clientIp, windowStart),
        UpdateExpression: 'SET #expires = if_not_exists(#expires, :expires) ADD #count :one',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: {
          '#count': RATE_LIMIT_ATTRIBUTES.count,
          '#expires': RATE_LIMIT_ATTRIBUTES.expiresAt,
        },
        ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expires': counterExpiry(windowEnd) },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const count: unknown = Attributes?.[RATE_LIMIT_ATTRIBUTES.count];
    return { allowed: true, remaining: Math.max(0, limit - (typeof count === 'number' ? count : limit)) };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { allowed: false, remaining: 0 };
    throw error;
  }
}
