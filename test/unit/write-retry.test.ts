import { retryPauseMs, WRITE_RETRY } from '../../functions/shared/data/task-writes';

describe('the jittered pause between write retries', () => {
  it('is uniform up to a step that doubles per retry from the base, capped', () => {
    expect(retryPauseMs(1, () => 1)).toBe(WRITE_RETRY.baseMs);
    expect(retryPauseMs(2, () => 1)).toBe(WRITE_RETRY.baseMs * 2);
    expect(retryPauseMs(3, () => 0.5)).toBe(WRITE_RETRY.baseMs * 2);
    expect(retryPauseMs(30, () => 1)).toBe(WRITE_RETRY.capMs);
    expect(retryPauseMs(5, () => 0)).toBe(0);
  });
});
