import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './dynamodb-client';
import { keys } from './keys';
import { tables } from './tables';

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
        TableName: tables.rateLimits,
        Key: keys.rateLimit(policy, clientIp, windowStart),
        UpdateExpression: 'SET expires_at = if_not_exists(expires_at, :expires) ADD #count :one',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'request_count' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': limit,
          ':expires': Math.ceil(windowEnd / 1000) + 60,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const count = typeof Attributes?.request_count === 'number' ? Attributes.request_count : limit;
    return { allowed: true, remaining: Math.max(0, limit - count) };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { allowed: false, remaining: 0 };
    throw error;
  }
}
