import { etagOf, noneMatchHits, requiredVersion } from '../../functions/shared/domain/etag';

describe('ETag and conditional headers', () => {
  it('derives a strong, quoted ETag from the version', () => {
    expect(etagOf(3)).toBe('"v3"');
  });

  it('reads the version If-Match requires: absent, *, a list, or unmatchable for weak and foreign tags', () => {
    expect(requiredVersion(undefined)).toBeUndefined();
    expect(requiredVersion('*')).toBe('any');
    expect(requiredVersion('"v7"')).toBe(7);
    expect(requiredVersion('"x", "v2"')).toBe(2);
    expect(requiredVersion('W/"v2"')).toBe(0);
    expect(requiredVersion('"abc"')).toBe(0);
  });

  it.each(['v1', '"open', '"a" "b"', ''])(
    'rejects the malformed If-Match %j with a 400 problem',
    (header) => {
      expect(() => requiredVersion(header)).toThrow(expect.objectContaining({ status: 400 }));
    },
  );

  it('matches If-None-Match weakly, by list or *', () => {
    expect(noneMatchHits('"v2"', '"v2"')).toBe(true);
    expect(noneMatchHits('W/"v2"', '"v2"')).toBe(true);
    expect(noneMatchHits('"v1", "v2"', '"v2"')).toBe(true);
    expect(noneMatchHits('*', '"v2"')).toBe(true);
    expect(noneMatchHits('"v1"', '"v2"')).toBe(false);
    expect(noneMatchHits(undefined, '"v2"')).toBe(false);
  });
});
