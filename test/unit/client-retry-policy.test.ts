import { DEFAULT_RETRY } from '../../client/src/index.ts';
import { parseRetryAfter, retryDelay, type AttemptOutcome } from '../../client/src/retry-policy.ts';

const options = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 5_000 };
const answer = (status: number, retryAfterMs?: number): AttemptOutcome => ({
  kind: 'answer',
  status,
  retryAfterMs,
});
const noAnswer: AttemptOutcome = { kind: 'no-answer' };

describe('the client retry policy', () => {
  it.each([
    ['no answer', noAnswer],
    ['502', answer(502)],
    ['503', answer(503)],
    ['504', answer(504)],
  ])('retries a repeatable request after %s, never a non-repeatable one', (_name, outcome) => {
    expect(retryDelay(outcome, 0, true, options, () => 0.5)).toBeGreaterThan(0);
    expect(retryDelay(outcome, 0, false, options, () => 0.5)).toBeUndefined();
  });

  it.each([
    ['429', answer(429, 1000)],
    ['429 without Retry-After', answer(429)],
    ['409 with Retry-After (in flight)', answer(409, 1000)],
  ])('retries any request after %s: the API did nothing', (_name, outcome) => {
    expect(retryDelay(outcome, 0, false, options, () => 0)).toBeDefined();
  });

  it.each([400, 401, 403, 404, 409, 412, 413, 415, 422, 500])(
    'never retries a %i without Retry-After',
    (status) => {
      expect(retryDelay(answer(status), 0, true, options, () => 0)).toBeUndefined();
    },
  );

  it('waits at least Retry-After, plus up to one base step of jitter', () => {
    expect(retryDelay(answer(429, 1000), 0, true, options, () => 0)).toBe(1000);
    expect(retryDelay(answer(429, 1000), 0, true, options, () => 0.999)).toBeCloseTo(1099.9);
  });

  it('stops when Retry-After is longer than maxDelayMs, or the retries are spent', () => {
    expect(retryDelay(answer(429, 60_000), 0, true, options, () => 0)).toBeUndefined();
    expect(retryDelay(noAnswer, 3, true, options, () => 0)).toBeUndefined();
    expect(retryDelay(noAnswer, 0, true, { ...options, maxRetries: 0 }, () => 0)).toBeUndefined();
  });

  it('backs off exponentially with equal jitter, capped at maxDelayMs', () => {
    const bounds = (retriesDone: number) => [
      retryDelay(noAnswer, retriesDone, true, { ...options, maxRetries: 10 }, () => 0),
      retryDelay(noAnswer, retriesDone, true, { ...options, maxRetries: 10 }, () => 1),
    ];
    expect(bounds(0)).toEqual([50, 100]);
    expect(bounds(1)).toEqual([100, 200]);
    expect(bounds(2)).toEqual([200, 400]);
    expect(bounds(8)).toEqual([2500, 5000]);
  });

  it('defaults to 3 retries, 500 ms base, 20 s longest wait', () => {
    expect(DEFAULT_RETRY).toEqual({ maxRetries: 3, baseDelayMs: 500, maxDelayMs: 20_000 });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 60 ', now)).toBe(60_000);
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 31 Dec 2029 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
