import { decodeTime } from 'ulid';
import { newId } from '../../functions/shared/domain/ids';

describe('task and user ids', () => {
  it('are 26-character ULIDs carrying their timestamp, strictly increasing within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => newId(1_900_000_000_000));
    expect(
      ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) && decodeTime(id) === 1_900_000_000_000),
    ).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
  });

  it('draw their random part from the whole alphabet (the pooled generator is not biased or stuck)', () => {
    const randomParts = Array.from({ length: 500 }, (_, index) =>
      newId(1_900_000_000_000 + index * 1000).slice(10),
    );
    const seen = new Set(randomParts.join(''));
    expect(seen.size).toBe(32);
  });
});
