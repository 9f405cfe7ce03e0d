import { setTimeout as delay } from 'node:timers/promises';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { clock } from '../config/clock';
import type { IdempotentRequest } from '../http/idempotency-key';
import { ProblemError } from '../http/problem-error';
import type { ApiResponse } from '../http/response';
import { dynamo } from './dynamodb-client';
import { keys } from './keys';
import { tables } from './tables';
import { cancellationReasons, type TransactItem } from './transactions';

/** How long a key is remembered (API.md: 24 hours). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** Response headers a replay repeats; the rest (request id, ...) belong to each answer. */
const STORED_HEADERS = ['Content-Type', 'Location', 'ETag'] as const;

interface IdempotencyRecord {
  pk: string;
  fingerprint: string;
  status_code: number;
  headers: Record<string, string>;
  body: string;
  expires_at: number;
}

/**
 * The conditional put that claims the key and stores the response, for the caller's transaction: it
 * succeeds only if no live record exists (an expired one, not yet swept by TTL, counts as absent).
 */
export function claimIdempotencyKey(
  userId: string,
  request: IdempotentRequest,
  response: ApiResponse,
): TransactItem {
  const now = Math.floor(clock.now() / 1000);
  const headers = Object.fromEntries(
    STORED_HEADERS.flatMap((name) => (response.headers[name] ? [[name, response.headers[name]]] : [])),
  );
  const record: IdempotencyRecord = {
    ...keys.idempotency(userId, request.key),
    fingerprint: request.fingerprint,
    status_code: response.statusCode,
    headers,
    body: response.body,
    expires_at: now + IDEMPOTENCY_TTL_SECONDS,
  };
  return {
    Put: {
      TableName: tables.idempotency,
      Item: record,
      ConditionExpression: 'attribute_not_exists(pk) OR expires_at <= :now',
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
  response: ApiResponse,
  write: () => Promise<void>,
): Promise<ApiResponse> {
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
          {
            headers: { 'Retry-After': '1' },
          },
        );
      }
      await delay(25 * attempt);
    }
  }
}

function replay(record: IdempotencyRecord, request: IdempotentRequest): ApiResponse {
  if (record.fingerprint !== request.fingerprint) {
    throw new ProblemError('idempotency-key-reused', 'This Idempotency-Key was used for a different request');
  }
  return {
    statusCode: record.status_code,
    headers: { ...record.headers, 'Idempotent-Replayed': 'true' },
    body: record.body,
  };
}

async function readRecord(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tables.idempotency,
      Key: keys.idempotency(userId, key),
      ConsistentRead: true,
    }),
  );
  return Item as IdempotencyRecord | undefined;
}
