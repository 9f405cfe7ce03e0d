import { decodeCursor, encodeCursor, queryFingerprint } from '../../functions/shared/data/cursor';

const key = new Uint8Array(32).fill(1);
const sort = { field: 'title', order: 'asc' } as const;
const position = { sk: 'TASK#01J0000000000000000000000', lsi_title: 'a\u000101J0000000000000000000000' };

describe('list cursors', () => {
  it('round-trips a position for the same user, filters and sort, as URL-safe text', () => {
    const fingerprint = queryFingerprint({ status: 'pending' }, sort);
    const cursor = encodeCursor(key, 'user-1', fingerprint, position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(decodeCursor(key, 'user-1', fingerprint, ['sk', 'lsi_title'], cursor)).toEqual(position);
  });

  it('rejects a cursor issued to another user, signed with another key, or edited', () => {
    const fingerprint = queryFingerprint({}, sort);
    const cursor = encodeCursor(key, 'user-1', fingerprint, position);
    expect(() => decodeCursor(key, 'user-2', fingerprint, ['sk', 'lsi_title'], cursor)).toThrow(
      /altered|someone else/,
    );
    expect(() =>
      decodeCursor(new Uint8Array(32), 'user-1', fingerprint, ['sk', 'lsi_title'], cursor),
    ).toThrow(/altered/);
    const [payload, mac] = cursor.split('.') as [string, string];
    const edited = Buffer.from(
      Buffer.from(payload, 'base64url').toString().replace('TASK#01J', 'TASK#01K'),
    ).toString('base64url');
    expect(() => decodeCursor(key, 'user-1', fingerprint, ['sk', 'lsi_title'], `${edited}.${mac}`)).toThrow(
      /altered/,
    );
  });

  it('rejects a cursor made for other filters or another sort order', () => {
    const cursor = encodeCursor(key, 'u', queryFingerprint({ q: 'a' }, sort), position);
    expect(() =>
      decodeCursor(key, 'u', queryFingerprint({ q: 'b' }, sort), ['sk', 'lsi_title'], cursor),
    ).toThrow(/other filters/);
    expect(() =>
      decodeCursor(
        key,
        'u',
        queryFingerprint({ q: 'a' }, { ...sort, order: 'desc' }),
        ['sk', 'lsi_title'],
        cursor,
      ),
    ).toThrow(/other filters/);
  });

  it.each(['', 'a', 'a.b.c', '!!!.???', 'eyJ2IjoxfQ'])(
    'rejects the malformed cursor %j as a 400 problem',
    (cursor) => {
      expect(() => decodeCursor(key, 'u', 'f', ['sk'], cursor)).toThrow(
        expect.objectContaining({ status: 400, kind: 'invalid-cursor' }),
      );
    },
  );
});
