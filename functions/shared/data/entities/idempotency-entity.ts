import { idempotencyTable } from '../table-definitions';

/**
 * The stored idempotency record of `POST /tasks`: the key (scoped to its user), a fingerprint of the
 * request that claimed it, the response that request got, and when it expires (TTL).
 */

/** A request's idempotency identity: the client's key and a fingerprint of what it asked for. */
export interface IdempotentRequest {
  key: string;
  fingerprint: string;
}

/** The response a record replays (an API Gateway proxy result with a serialized body). */
export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** How long a key is remembered: 24 hours. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** Response headers a replay repeats; the rest (request id, ...) belong to each answer. */
const STORED_HEADERS = ['Content-Type', 'Location', 'ETag'] as const;

export interface IdempotencyRecord {
  pk: string;
  fingerprint: string;
  status_code: number;
  headers: Record<string, string>;
  body: string;
  expires_at: number;
}

/** Scoped to the user, so two users may use the same key. */
export const idempotencyKey = (userId: string, key: string): Pick<IdempotencyRecord, 'pk'> => ({
  pk: `${userId}#${key}`,
});

/** The TTL attribute; DynamoDB deletes up to days late, so readers compare it with the clock themselves. */
export const EXPIRES_AT: typeof idempotencyTable.ttlAttribute = idempotencyTable.ttlAttribute;

export function toIdempotencyRecord(
  userId: string,
  request: IdempotentRequest,
  response: StoredResponse,
  nowSeconds: number,
): IdempotencyRecord {
  const headers = Object.fromEntries(
    STORED_HEADERS.flatMap((name) => (response.headers[name] ? [[name, response.headers[name]]] : [])),
  );
  return {
    ...idempotencyKey(userId, request.key),
    fingerprint: request.fingerprint,
    status_code: response.statusCode,
    headers,
    body: response.body,
    [EXPIRES_AT]: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
  };
}

/** The response a record holds, as it is replayed. */
export const storedResponseOf = (record: IdempotencyRecord): StoredResponse => ({
  statusCode: record.status_code,
  headers: { ...record.headers, 'Idempotent-Replayed': 'true' },
  body: record.body,
});
