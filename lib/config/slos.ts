import { Duration } from 'aws-cdk-lib';

/**
 * The service level objectives, per stage, and how the alarms turn them into thresholds. Each environment
 * sets its own (lib/config/environments.ts); docs/OPERATIONS.md explains each number.
 */
export interface ServiceLevelObjectives {
  /** Share of a stage's requests answered without a 5xx, over 30 days, in percent (99.9: 43 min/month). */
  readonly availabilityPercent: number;
  /** A stage's p99 latency as API Gateway measures it (request in to response out), in milliseconds. */
  readonly latencyP99Ms: number;
}

export interface AlarmPolicy {
  /** How fast the error budget may burn before the 5xx-rate alarm fires (10: a month's budget in 3 days). */
  readonly errorBudgetBurnRate: number;
  /** The period every alarm evaluates. */
  readonly period: Duration;
  /** Consecutive breaching periods before an SLO alarm (5xx rate, p99 latency) fires. */
  readonly sloPeriods: number;
  /** Below this many requests in a period the 5xx rate is not judged (one failure in three is not 33 %). */
  readonly minRequestsPerPeriod: number;
}

export const DEFAULT_ALARM_POLICY: AlarmPolicy = {
  errorBudgetBurnRate: 10,
  period: Duration.minutes(5),
  sloPeriods: 3,
  minRequestsPerPeriod: 10,
};

/** The 5xx rate (percent) at which the error budget burns `errorBudgetBurnRate` times too fast. */
export function errorRateThreshold(slos: ServiceLevelObjectives, policy: AlarmPolicy): number {
  const budgetPercent = 100 - slos.availabilityPercent;
  return Math.round(budgetPercent * policy.errorBudgetBurnRate * 10_000) / 10_000;
}
