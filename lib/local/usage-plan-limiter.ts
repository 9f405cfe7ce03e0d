/**
 * Local enforcement of API Gateway usage plans, from the same `usagePlans` object CDK deploys:
 * - per API key, the plan's throttle (one token bucket per key, shared by every stage the plan covers);
 * - per API key and method, the plan's method throttles (keyed `"<resource path> <METHOD>"`);
 * - per stage, the stage-wide throttle, shared by all callers (also those without a key);
 * - per API key, the plan's quota, counted per period (a DAY resets at 00:00 UTC).
 * A request passes only when every bucket has a token and the quota has room; only then does it take its
 * tokens and count against the quota, so a rejected request costs nothing.
 */
import type { Throttle, UsagePlanDefinition } from '../config/usage-plans';
import { periodStart } from './quota-period';
import { fullBucket, hasToken, refill, takeToken, type TokenBucket } from './token-bucket';

export type UsageVerdict = 'ALLOWED' | 'THROTTLED' | 'QUOTA_EXCEEDED';

export interface UsagePlanLimiterOptions {
  readonly plans: Readonly<Record<string, UsagePlanDefinition>>;
  /** API key → name of its plan in `plans`. */
  readonly apiKeys: ReadonlyMap<string, string>;
  readonly stageThrottle: Throttle;
  /** Epoch ms; injected so tests move through time without sleeping. */
  readonly now: () => number;
}

export interface UsageRequest {
  readonly stage: string;
  /** The validated API key; undefined on routes that require none (only the stage throttle applies). */
  readonly apiKey?: string;
  /** Resource path template, e.g. `/tasks/{id}`. */
  readonly resource: string;
  readonly method: string;
}

interface QuotaUsage {
  periodStart: number;
  used: number;
}

export class UsagePlanLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly quotas = new Map<string, QuotaUsage>();

  constructor(private readonly options: UsagePlanLimiterOptions) {
    for (const [key, plan] of options.apiKeys) {
      if (!options.plans[plan])
        throw new Error(`API key ${key.slice(0, 4)}… names an unknown usage plan: ${plan}`);
    }
  }

  /** Decides one request and, when it is allowed, records its usage. */
  admit(request: UsageRequest): UsageVerdict {
    const now = this.options.now();
    const plan = request.apiKey === undefined ? undefined : this.planOf(request.apiKey);
    const throttles: { id: string; throttle: Throttle }[] = [];
    if (plan && request.apiKey !== undefined) {
      const methodKey = `${request.resource} ${request.method.toUpperCase()}`;
      // Own entries only: the method comes from the request, and a plan's table is a plain object.
      const methodThrottle = Object.hasOwn(plan.methodThrottles, methodKey)
        ? plan.methodThrottles[methodKey]
        : undefined;
      if (methodThrottle)
        throttles.push({ id: `key:${request.apiKey}:${methodKey}`, throttle: methodThrottle });
      throttles.push({ id: `key:${request.apiKey}`, throttle: plan.throttle });
    }
    throttles.push({ id: `stage:${request.stage}`, throttle: this.options.stageThrottle });

    const buckets = throttles.map(({ id, throttle }) => {
      const bucket = refill(this.buckets.get(id) ?? fullBucket(throttle, now), throttle, now);
      this.buckets.set(id, bucket);
      return { id, bucket };
    });
    if (!buckets.every(({ bucket }) => hasToken(bucket))) return 'THROTTLED';

    let quota: QuotaUsage | undefined;
    if (plan && request.apiKey !== undefined) {
      quota = this.quotaOf(request.apiKey, plan, now);
      if (quota.used >= plan.quota.limit) return 'QUOTA_EXCEEDED';
    }

    for (const { id, bucket } of buckets) this.buckets.set(id, takeToken(bucket));
    if (quota) quota.used += 1;
    return 'ALLOWED';
  }

  /** Requests counted against the key's quota in the current period (for tests and diagnostics). */
  quotaUsed(apiKey: string): number {
    const plan = this.planOf(apiKey);
    return plan ? this.quotaOf(apiKey, plan, this.options.now()).used : 0;
  }

  private planOf(apiKey: string): UsagePlanDefinition | undefined {
    const name = this.options.apiKeys.get(apiKey);
    return name === undefined || !Object.hasOwn(this.options.plans, name)
      ? undefined
      : this.options.plans[name];
  }

  private quotaOf(apiKey: string, plan: UsagePlanDefinition, now: number): QuotaUsage {
    const start = periodStart(plan.quota.period, now);
    let usage = this.quotas.get(apiKey);
    if (!usage || start > usage.periodStart) {
      usage = { periodStart: start, used: 0 };
      this.quotas.set(apiKey, usage);
    }
    return usage;
  }
}
