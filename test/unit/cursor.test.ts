import { newKeySet, newSigningKey, rotateKeySet } from '../../functions/shared/auth/key-set';
import {
  CURSOR_TTL_SECONDS,
  decodeCursor,
  encodeCursor,
  queryFingerprint,
} from '../../functions/shared/data/cursor';

const keys = newKeySet();
const sort = { field: 'title', order: 'asc' } as const;
const position = { sk: 'TASK#01J0000000000000000000000', lsi_title: 'a\u000101J0000000000000000000000' };
const attributes = ['sk', 'lsi_title'];
const now = Date.UTC(2030, 0, 1);

describe('list cursors', () => {
  it('round-trips a position for the same user, filters and sort, as URL-safe text', () => {
    const fingerprint = queryFingerprint({ status: 'pending' }, sort);
    const cursor = encodeCursor(keys.current, 'user-1', fingerprint, position, now);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(decodeCursor(keys, 'user-1', fingerprint, attributes, cursor, now)).toEqual(position);
  });

  it('rejects a cursor issued to another user, signed with another key, or edited', () => {
    const fingerprint = queryFingerprint({}, sort);
    const cursor = encodeCursor(keys.current, 'user-1', fingerprint, position, now);
    expect(() => decodeCursor(keys, 'user-2', fingerprint, attributes, cursor, now)).toThrow(/someone else/);
    const forged = encodeCursor(
      { ...newSigningKey(), kid: keys.current.kid },
      'user-1',
      fingerprint,
      position,
      now,
    );
    expect(() => decodeCursor(keys, 'user-1', fingerprint, attributes, forged, now)).toThrow(/altered/);
    const [payload, mac] = cursor.split('.') as [string, string];
    const edited = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace('TASK#01J', 'TASK#01K'),
    ).toString('base64url');
    expect(() => decodeCursor(keys, 'user-1', fingerprint, attributes, `${edited}.${mac}`, now)).toThrow(
      /altered/,
    );
  });

  it('keeps working across a key rotation, and stops once its key is retired', () => {
    const fingerprint = queryFingerprint({}, sort);
    const cursor = encodeCursor(keys.current, 'u', fingerprint, position, now);
    const once = rotateKeySet(keys);
    const twice = rotateKeySet(once);
    expect(decodeCursor(once, 'u', fingerprint, attributes, cursor, now)).toEqual(position);
    expect(() => decodeCursor(twice, 'u', fingerprint, attributes, cursor, now)).toThrow(/retired key/);
  });

  it('a function a rotation behind still verifies cursors signed with the new key (the next key)', () => {
    const fingerprint = queryFingerprint({}, sort);
    const rotated = rotateKeySet(keys);
    const cursor = encodeCursor(rotated.current, 'u', fingerprint, position, now);
    expect(decodeCursor(keys, 'u', fingerprint, attributes, cursor, now)).toEqual(position);
  });

  it('expires a day after it was issued', () => {
    const fingerprint = queryFingerprint({}, sort);
    const cursor = encodeCursor(keys.current, 'u', fingerprint, position, now);
    const dayLater = now + CURSOR_TTL_SECONDS * 1000;
    expect(decodeCursor(keys, 'u', fingerprint, attributes, cursor, dayLater)).toEqual(position);
    expect(() => decodeCursor(keys, 'u', fingerprint, attributes, cursor, dayLater + 1000)).toThrow(
      /expired/,
    );
  });

  it('rejects a cursor made for other filters or another sort order', () => {
    const cursor = encodeCursor(keys.current, 'u', queryFingerprint({ q: 'a' }, sort), position, now);
    expect(() =>
      decodeCursor(keys, 'u', queryFingerprint({ q: 'b' }, sort), attributes, cursor, now),
    ).toThrow(/other filters/);
    expect(() =>
      decodeCursor(
        keys,
        'u',
        queryFingerprint({ q: 'a' }, { ...sort, order: 'desc' }),
        attributes,
        cursor,
        now,
      ),
    ).toThrow(/other filters/);
  });

  it.each(['', 'a', 'a.b.c', '!!!.???', 'eyJ2IjoxfQ', 'eyJ2IjoyfQ.abc', 'bnVsbA.abc'])(
    'rejects the malformed cursor %j as a 400 problem',
    (cursor) => {
      expect(() => decodeCursor(keys, 'u', 'f', ['sk'], cursor, now)).toThrow(
        expect.objectContaining({ status: 400, kind: 'invalid-cursor' }),
      );
    },
  );
});
