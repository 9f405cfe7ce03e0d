import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { TaskFilter, TaskSort } from '../domain/list-query-schemas';
import { ProblemError } from '../errors/problem-error';
import { canonicalJson } from '../util/canonical-json';
import { listCursorBinding } from './entities/task-entity';

/**
 * Pagination cursors: the position after the last task a page returned (the index key attributes of
 * that task), made opaque and URL-safe (base64url) and tamper-evident (HMAC-SHA256 with a server key).
 * A cursor is bound to the user it was issued to and to the filters and sort it was made for; anything
 * else is a 400. A client value never reaches DynamoDB as ExclusiveStartKey without passing this check.
 */
export type CursorPosition = Record<string, string>;

interface CursorPayload {
  /** Format version, so the layout can change without misreading old cursors. */
  v: 1;
  /** Fingerprint of the filters and sort. */
  q: string;
  /** The position: key attributes of the last returned item (the partition key is the user's). */
  k: CursorPosition;
}

/** A short, stable digest of what a page sequence selects and how it is ordered (see `listCursorBinding`). */
export function queryFingerprint(filter: TaskFilter, sort: TaskSort): string {
  return createHash('sha256')
    .update(canonicalJson(listCursorBinding(filter, sort)))
    .digest('base64url')
    .slice(0, 16);
}
function signature(key: Uint8Array, userId: string, payload: string): Buffer {
  return createHmac('sha256', key).update(userId).update('\n').update(payload).digest();
}

export function encodeCursor(
  key: Uint8Array,
  userId: string,
  fingerprint: string,
  position: CursorPosition,
): string {
  const payload = Buffer.from(
    JSON.stringify({ v: 1, q: fingerprint, k: position } satisfies CursorPayload),
  ).toString('base64url');
  return `${payload}.${signature(key, userId, payload).toString('base64url')}`;
}

/**
 * The position a cursor holds, after checking its signature (for this user), its filters and its shape
 * (exactly `keyAttributes`, all strings).
 */
export function decodeCursor(
  key: Uint8Array,
  userId: string,
  fingerprint: string,
  keyAttributes: readonly string[],
  cursor: string,
): CursorPosition {
  const [payload, mac, ...rest] = cursor.split('.');
  if (!payload || !mac || rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(payload + mac))
    throw invalidCursor('is malformed');
  const expected = signature(key, userId, payload);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw invalidCursor('is not valid: it was altered, or issued to someone else');
  }
  const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CursorPayload;
  if (parsed.v !== 1) throw invalidCursor('has an unknown format');
  if (parsed.q !== fingerprint)
    throw invalidCursor('was made for other filters or another sort: start again without it');
  const position = parsed.k;
  const attributes = Object.keys(position ?? {});
  const shaped =
    attributes.length === keyAttributes.length &&
    keyAttributes.every((attribute) => typeof position[attribute] === 'string');
  if (!shaped) throw invalidCursor('was made for another sort: start again without it');
  return position;
}

const invalidCursor = (why: string) => new ProblemError('invalid-cursor', `The cursor ${why}`);
