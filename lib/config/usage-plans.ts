/**
 * Usage plans: one object, deployed by CDK (API Gateway usage plans on both stages) and enforced by the
 * local gateway with the same token-bucket semantics.
 */
export interface Throttle {
  /** Steady-state requests per second (token refill rate). */
  readonly rateLimit: number;
  /** Bucket capacity: how many requests may arrive at once. */
  readonly burstLimit: number;
}

export interface UsagePlanDefinition {
  readonly name: string;
  readonly description: string;
  readonly throttle: Throttle;
  readonly quota: { readonly limit: number; readonly period: 'DAY' | 'WEEK' | 'MONTH' };
  /** Per-method throttles for this plan, keyed `"<path> <METHOD>"` as API Gateway spells them. */
  readonly methodThrottles: Readonly<Record<string, Throttle>>;
}

const authThrottles = {
  '/auth/register POST': { rateLimit: 5, burstLimit: 10 },
  '/auth/login POST': { rateLimit: 10, burstLimit: 20 },
} as const;

export const usagePlans = {
  basic: {
    name: 'basic',
    description: 'Default tier: 100 req/s steady, burst 200, 100 000 requests a day',
    throttle: { rateLimit: 100, burstLimit: 200 },
    quota: { limit: 100_000, period: 'DAY' },
    methodThrottles: authThrottles,
  },
  premium: {
    name: 'premium',
    description: 'Premium tier: 1 000 req/s steady, burst 2 000, 5 000 000 requests a day',
    throttle: { rateLimit: 1000, burstLimit: 2000 },
    quota: { limit: 5_000_000, period: 'DAY' },
    methodThrottles: authThrottles,
  },
} as const satisfies Record<string, UsagePlanDefinition>;

export type UsagePlanName = keyof typeof usagePlans;

/**
 * Stage-wide default method throttling: a second line behind the per-key plans, protecting the account
 * (and DynamoDB) when many keys are busy at once.
 */
export const stageThrottle: Throttle = { rateLimit: 2000, burstLimit: 4000 };

/** Local API keys and their plans; the deployed stack creates one key per plan instead (values by AWS). */
export function localApiKeys(env: NodeJS.ProcessEnv = process.env): Map<string, UsagePlanName> {
  return new Map<string, UsagePlanName>([
    [env.API_KEY ?? 'local-dev-key', 'basic'],
    [env.PREMIUM_API_KEY ?? 'local-premium-key', 'premium'],
  ]);
}
