import { lockSecondsAfter } from '../../functions/shared/auth/login-throttle';

describe('the per-email lock after failed logins', () => {
  it('is nothing for the first 4 failures, 30 s after the 5th, doubling per failure, at most 15 minutes', () => {
    expect([1, 2, 3, 4].map(lockSecondsAfter)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11].map(lockSecondsAfter)).toEqual([30, 60, 120, 240, 480, 900, 900]);
    expect(lockSecondsAfter(100_000)).toBe(900);
  });
});
