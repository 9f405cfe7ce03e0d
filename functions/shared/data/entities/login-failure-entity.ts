import { createHash } from 'node:crypto';
import { rateLimitTable } from '../table-definitions';

/**
 * The stored per-email login throttle: consecutive login attempts that did not succeed (failed, or still
 * being checked), when the email is locked until, and when the record is forgotten (TTL). One item per
 * email, in the rate-limit table, whether or not an account has that email: the key is a digest of the
 * address, so the table never holds the addresses people tried.
 */
export const loginFailureKey = (email: string): { pk: string } => ({
  pk: `login#${createHash('sha256').update(email.toLowerCase()).digest('base64url')}`,
});

export const LOGIN_FAILURE_ATTRIBUTES = {
  /** Consecutive attempts since the last success (each counted before its password is checked). */
  attempts: 'attempts',
  /** Epoch ms of the last counted attempt. */
  lastAttemptAt: 'last_attempt_at',
  /** Epoch ms before which further attempts are refused. */
  lockedUntil: 'locked_until',
  expiresAt: rateLimitTable.ttlAttribute,
} as const;

/** A day after the last attempt, the record goes: older failures no longer count. */
export const LOGIN_FAILURES_KEPT_SECONDS = 24 * 60 * 60;
