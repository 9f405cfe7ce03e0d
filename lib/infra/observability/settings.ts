import type { Construct } from 'constructs';

/** CDK context keys (`npx cdk deploy -c taskApi:alarmEmail=oncall@example.com`). */
export const ALARM_EMAIL_CONTEXT_KEY = 'taskApi:alarmEmail';
export const DEBUG_SAMPLE_RATE_CONTEXT_KEY = 'taskApi:debugLogSampleRate';

export interface ObservabilitySettings {
  /** Subscribed to the alarm topic when set. */
  readonly alarmEmail?: string;
  /** Powertools' POWERTOOLS_LOGGER_SAMPLE_RATE, 0..1. */
  readonly debugSampleRate: number;
}

/**
 * The observability settings from the CDK context (the environment's debug sample rate unless the context
 * sets one); a malformed value fails the synth with its key.
 */
export function observabilitySettings(
  scope: Construct,
  defaultDebugSampleRate: number,
): ObservabilitySettings {
  const email: unknown = scope.node.tryGetContext(ALARM_EMAIL_CONTEXT_KEY);
  if (
    email !== undefined &&
    email !== '' &&
    (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
  )
    throw new Error(`${ALARM_EMAIL_CONTEXT_KEY} must be an e-mail address, got ${JSON.stringify(email)}`);
  const rate: unknown = scope.node.tryGetContext(DEBUG_SAMPLE_RATE_CONTEXT_KEY);
  const debugSampleRate = rate === undefined ? defaultDebugSampleRate : Number(rate);
  if (!(debugSampleRate >= 0 && debugSampleRate <= 1))
    throw new Error(
      `${DEBUG_SAMPLE_RATE_CONTEXT_KEY} must be a number from 0 to 1, got ${JSON.stringify(rate)}`,
    );
  return { ...(typeof email === 'string' && email !== '' ? { alarmEmail: email } : {}), debugSampleRate };
}
