/**
 * When to send a request again, and after how long. Pure: the transport asks, these functions answer.
 *
 * Two kinds of failure are told apart:
 * - refused: the API says nothing was done and to come back later (`429`, or `409` with `Retry-After`,
 *   e.g. the same Idempotency-Key still in flight). Any request may be sent again.
 * - unknown outcome: no answer (connection refused or dropped, timeout) or `502`/`503`/`504`. The request
 *   may have taken effect, so only a request that is safe to repeat is sent again: GET, PUT and DELETE
 *   (idempotent in HTTP), PATCH with `If-Match`, POST with an `Idempotency-Key`.
 * Everything else (4xx, 500) is an answer to act on, never retried.
 */

/** How hard the client tries; per client, and per call through `RequestOptions`. */
export interface RetryOptions {
  /** Attempts after the first (0 disables retries). Default 3. */
  maxRetries?: number;
  /** First backoff step, doubled at each retry, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /**
   * The longest the client waits before one retry. A `Retry-After` longer than this ends the retries at
   * once (the error is thrown with `retryAfterMs`), so a spent daily quota never hangs a call. Default 20 s.
   */
  maxDelayMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 20_000 };

/** What the last attempt gave. */
export type AttemptOutcome =
  { kind: 'no-answer' } | { kind: 'answer'; status: number; retryAfterMs?: number };

const UNKNOWN_OUTCOME_STATUSES = new Set([502, 503, 504]);

/** Whether the answer says the request was refused untouched and may be sent again later. */
function refused(outcome: AttemptOutcome): boolean {
  if (outcome.kind !== 'answer') return false;
  return outcome.status === 429 || (outcome.status === 409 && outcome.retryAfterMs !== undefined);
}

/**
 * Milliseconds to wait before the next attempt, or undefined to stop and surface the failure.
 * `retriesDone` counts the retries already made; `repeatable` says whether the request is safe to repeat.
 */
export function retryDelay(
  outcome: AttemptOutcome,
  retriesDone: number,
  repeatable: boolean,
  options: Required<RetryOptions>,
  random: () => number = Math.random,
): number | undefined {
  if (retriesDone >= options.maxRetries) return undefined;
  const unknownOutcome = outcome.kind === 'no-answer' || UNKNOWN_OUTCOME_STATUSES.has(outcome.status);
  if (!refused(outcome) && !(unknownOutcome && repeatable)) return undefined;

  const retryAfterMs = outcome.kind === 'answer' ? outcome.retryAfterMs : undefined;
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > options.maxDelayMs) return undefined;
    // Never sooner than asked; a little later at random, so throttled clients don't return in step.
    return Math.min(options.maxDelayMs, retryAfterMs + random() * options.baseDelayMs);
  }
  // Exponential backoff with "equal jitter": half the step for sure, the other half at random.
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retriesDone);
  return step / 2 + (random() * step) / 2;
}

/** `Retry-After` (delay-seconds or an HTTP-date) in milliseconds from `now`; undefined when absent or bad. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
