import { setTimeout as delay } from 'node:timers/promises';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { clock } from '../config/clock';
import { ProblemError } from '../errors/problem-error';
import { dynamo } from './dynamodb-client';
import {
  EXPIRES_AT,
  idempotencyKey,
  storedResponseOf,
  toIdempotencyRecord,
  type IdempotencyRecord,
  type IdempotentRequest,
  type StoredResponse,
} from './entities/idempotency-entity';
import { tableName } from './table-names';
import { cancellationReasons, type TransactItem } from './transactions';

/**
 * The conditional put that claims the key and stores the response, for the caller's transaction: it
 * succeeds only if no live record exists (an expired one, not yet swept by TTL, counts as absent).
 */
export function claimIdempotencyKey(
  userId: string,
  request: IdempotentRequest,
  response: StoredResponse,
): TransactItem {
  const now = Math.floor(clock.now() / 1000);
  return {
    Put: {
      TableName: tableName('idempotency'),
      Item: toIdempotencyRecord(userId, request, response, now),
      ConditionExpression: 'attribute_not_exists(pk) OR #expires <= :now',
      ExpressionAttributeNames: { '#expires': EXPIRES_AT },
      ExpressionAttributeValues: { ':now': now },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** Attempts at a write that keeps colliding with an in-flight duplicate before answering 409. */
const MAX_ATTEMPTS = 3;

/**
 * Runs `write` (a transaction whose first action is `claimIdempotencyKey`) exactly once per key:
 * - it commits: the fresh response;
 * - the key is taken by the same request: that request's stored response, replayed byte for byte;
 * - the key is taken by a different request: 422;
 * - a duplicate is committing at this very moment (transaction conflict): retried briefly, then 409.
 */
export async function runOnce(
  userId: string,
  request: IdempotentRequest,
  response: StoredResponse,
  write: () => Promise<void>,
): Promise<StoredResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return response;
    } catch (error) {
      const reasons = cancellationReasons(error);
      const claim = reasons?.[0];
      if (!claim) throw error;
      if (claim.code === 'ConditionalCheckFailed') {
        const record = (claim.item ?? (await readRecord(userId, request.key))) as
          IdempotencyRecord | undefined;
        if (record) return replay(record, request);
      } else if (!reasons.some((reason) => reason.code === 'TransactionConflict')) {
        throw error;
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new ProblemError(
          'idempotency-in-flight',
          'A request with this Idempotency-Key is still being processed',
          { headers: { 'Retry-After': '1' } },
        );
      }
      await delay(25 * attempt);
    }
  }
}

function replay(record: IdempotencyRecord, request: IdempotentRequest): StoredResponse {
  if (record.fingerprint !== request.fingerprint) {
    throw new ProblemError('idempotency-key-reused', 'This Idempotency-Key was used for a different request');
  }
  return storedResponseOf(record);
}

async function readRecord(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName('idempotency'),
      Key: idempotencyKey(userId, key),
      ConsistentRead: true,
    }),
  );
  return Item as IdempotencyRecord | undefined;
}
