/**
 * Usage-plan quota periods, as API Gateway counts them with offset 0: a DAY starts at 00:00 UTC, a WEEK on
 * Sunday 00:00 UTC, a MONTH on the 1st at 00:00 UTC. Pure, so tests can cross a boundary without waiting.
 */
import type { UsagePlanDefinition } from '../config/usage-plans';

export type QuotaPeriod = UsagePlanDefinition['quota']['period'];

const DAY_MS = 86_400_000;

/** Epoch ms at which the period containing `now` began. */
export function periodStart(period: QuotaPeriod, now: number): number {
  const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
  switch (period) {
    case 'DAY':
      return dayStart;
    case 'WEEK':
      return dayStart - new Date(dayStart).getUTCDay() * DAY_MS;
    case 'MONTH': {
      const date = new Date(now);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    }
  }
}
