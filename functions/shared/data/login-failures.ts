import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo } from './dynamodb-client';
import {
  LOGIN_FAILURE_ATTRIBUTES as ATTRIBUTES,
  LOGIN_FAILURES_KEPT_SECONDS,
  loginFailureKey,
} from './entities/login-failure-entity';
import { tableName } from './table-names';

/** An attempt that set no lock this long after it was counted never will (a login takes a few seconds). */
const ABANDONED_ATTEMPT_MS = 30_000;

/** The outcome of claiming a login attempt for an email. */
export type AttemptClaim =
  | { readonly allowed: true; /** Consecutive attempts, this one included. */ readonly attempts: number }
  | {
      readonly allowed: false;
      /** Epoch ms the email is locked until (undefined: a lock is being set). */ readonly lockedUntil?: number;
    };

/**
 * Per-email login attempt counters, with atomic conditional writes so concurrent guesses cannot slip past
 * the threshold: an attempt is counted before its password is checked, and only while the email is not
 * locked (fewer than `freeAttempts` consecutive attempts, or the lock has run out).
 */
export const loginFailures = {
  async claim(email: string, freeAttempts: number, now: number): Promise<AttemptClaim> {
    try {
      const { Attributes } = await dynamo.send(
        new UpdateCommand({
          TableName: tableName('rateLimits'),
          Key: loginFailureKey(email),
          UpdateExpression: 'SET #expires = :expires, #last = :now ADD #attempts :one',
          // Past the free attempts, only once the lock has run out; or when no lock was ever set although
          // the last attempt is long over (its function died before locking: never a lock for a day).
          ConditionExpression:
            'attribute_not_exists(#attempts) OR #attempts < :free OR #locked <= :now' +
            ' OR (attribute_not_exists(#locked) AND #last < :stale)',
          ExpressionAttributeNames: {
            '#attempts': ATTRIBUTES.attempts,
            '#locked': ATTRIBUTES.lockedUntil,
            '#last': ATTRIBUTES.lastAttemptAt,
            '#expires': ATTRIBUTES.expiresAt,
          },
          ExpressionAttributeValues: {
            ':one': 1,
            ':free': freeAttempts,
            ':now': now,
            ':stale': now - ABANDONED_ATTEMPT_MS,
            ':expires': Math.ceil(now / 1000) + LOGIN_FAILURES_KEPT_SECONDS,
          },
          ReturnValues: 'UPDATED_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { allowed: true, attempts: Number(Attributes?.[ATTRIBUTES.attempts] ?? 1) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const lockedUntil: unknown = error.Item ? unmarshall(error.Item)[ATTRIBUTES.lockedUntil] : undefined;
      return { allowed: false, ...(typeof lockedUntil === 'number' ? { lockedUntil } : {}) };
    }
  },

  /** Locks the email until `until` (epoch ms); never shortens a lock already set further out. */
  async lock(email: string, until: number): Promise<void> {
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName('rateLimits'),
          Key: loginFailureKey(email),
          UpdateExpression: 'SET #locked = :until',
          ConditionExpression: 'attribute_not_exists(#locked) OR #locked < :until',
          ExpressionAttributeNames: { '#locked': ATTRIBUTES.lockedUntil },
          ExpressionAttributeValues: { ':until': until },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  },

  /** A success: the consecutive count starts again. */
  async reset(email: string): Promise<void> {
    await dynamo.send(new DeleteCommand({ TableName: tableName('rateLimits'), Key: loginFailureKey(email) }));
  },
};
