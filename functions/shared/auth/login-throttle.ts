/**
 * Password guessing on one account, throttled whatever the client IP: the first 5 consecutive attempts on
 * an email are free; from then on each failure locks the email for a wait that doubles per failure, 30 s
 * after the 5th, capped at 15 minutes. Attempts refused during a lock are not counted and do not extend
 * it, so a lock ends at most 15 minutes after the last failed attempt: that is how long someone else can
 * keep an account locked once they stop. A success resets the count.
 */
export const LOGIN_THROTTLE = { freeAttempts: 5, firstLockSeconds: 30, maxLockSeconds: 15 * 60 } as const;

/** How long a failure locks the email, given how many consecutive attempts (this one included) failed. */
export function lockSecondsAfter(failures: number): number {
  if (failures < LOGIN_THROTTLE.freeAttempts) return 0;
  const doublings = failures - LOGIN_THROTTLE.freeAttempts;
  // Capped before exponentiating, so a count of thousands cannot overflow to Infinity.
  return Math.min(
    LOGIN_THROTTLE.maxLockSeconds,
    LOGIN_THROTTLE.firstLockSeconds * 2 ** Math.min(doublings, 20),
  );
}
