import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { TaskFilter, TaskSort } from '../domain/list-query-schemas';
import { ProblemError } from '../errors/problem-error';
import { keyById, type KeySet, type SigningKey } from '../auth/key-set';
import { canonicalJson } from '../util/canonical-json';
import { listCursorBinding } from './entities/task-entity';

/**
 * Pagination cursors: the position after the last task a page returned (the index key attributes of
 * that task), made opaque and URL-safe (base64url) and tamper-evident (HMAC-SHA256 with a server key).
 * A cursor is bound to the user it was issued to and to the filters and sort it was made for, names the
 * key that signed it (`kid`, so keys can rotate without breaking cursors) and expires after
 * {@link CURSOR_TTL_SECONDS}; anything else is a 400. A client value never reaches DynamoDB as
 * ExclusiveStartKey without passing this check.
 */
export type CursorPosition = Record<string, string>;

/** How long a cursor may be used: a walk resumed a day later starts again (keys retire after a rotation). */
export const CURSOR_TTL_SECONDS = 24 * 60 * 60;

interface CursorPayload {
  /** Format version, so the layout can change without misreading old cursors. */
  v: 2;
  /** The signing key's id. */
  kid: string;
  /** Issued at, epoch seconds. */
  t: number;
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
  key: SigningKey,
  userId: string,
  fingerprint: string,
  position: CursorPosition,
  nowMs: number,
): string {
  const body: CursorPayload = {
    v: 2,
    kid: key.kid,
    t: Math.floor(nowMs / 1000),
    q: fingerprint,
    k: position,
  };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${signature(key.key, userId, payload).toString('base64url')}`;
}

/**
 * The position a cursor holds, after checking its key (one of the set's), signature (for this user), age,
 * filters and shape (exactly `keyAttributes`, all strings).
 */
export function decodeCursor(
  keys: KeySet,
  userId: string,
  fingerprint: string,
  keyAttributes: readonly string[],
  cursor: string,
  nowMs: number,
): CursorPosition {
  const [payload, mac, ...rest] = cursor.split('.');
  if (!payload || !mac || rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(payload + mac))
    throw invalidCursor('is malformed');
  const parsed = parsePayload(payload);
  const key = keyById(keys, parsed?.kid);
  const expected = key ? signature(key.key, userId, payload) : undefined;
  const given = Buffer.from(mac, 'base64url');
  if (!parsed || !expected || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw invalidCursor('is not valid: it was altered, issued to someone else, or signed by a retired key');
  }
  if (parsed.v !== 2) throw invalidCursor('has an unknown format');
  const age = Math.floor(nowMs / 1000) - parsed.t;
  if (!(age <= CURSOR_TTL_SECONDS)) throw invalidCursor('has expired: start again without it');
  if (parsed.q !== fingerprint)
    throw invalidCursor('was made for other filters or another sort: start again without it');
  const position = parsed.k;
  const attributes = Object.keys(position ?? {});
  const shaped =
    attributes.length === keyAttributes.length &&
    keyAttributes.every(
      (attribute) => Object.hasOwn(position, attribute) && typeof position[attribute] === 'string',
    );
  if (!shaped) throw invalidCursor('was made for another sort: start again without it');
  return position;
}

/** The payload's JSON, or undefined when it is not a JSON object (checked before its signature is). */
function parsePayload(payload: string): CursorPayload | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as CursorPayload) : undefined;
  } catch {
    return undefined;
  }
}

const invalidCursor = (why: string) => new ProblemError('invalid-cursor', `The cursor ${why}`);
