import { usagePlans, type UsagePlanDefinition } from '../../lib/config/usage-plans';
import { periodStart } from '../../lib/local/quota-period';
import { UsagePlanLimiter, type UsageRequest, type UsageVerdict } from '../../lib/local/usage-plan-limiter';

const tiny: UsagePlanDefinition = {
  name: 'tiny',
  description: 'test plan',
  throttle: { rateLimit: 2, burstLimit: 4 },
  quota: { limit: 10, period: 'DAY' },
  methodThrottles: { '/auth/register POST': { rateLimit: 1, burstLimit: 2 } },
};

function limiterAt(
  start: number,
  overrides: { stageThrottle?: { rateLimit: number; burstLimit: number } } = {},
) {
  const clock = { now: start };
  const limiter = new UsagePlanLimiter({
    plans: { tiny },
    apiKeys: new Map([
      ['key-a', 'tiny'],
      ['key-b', 'tiny'],
    ]),
    stageThrottle: overrides.stageThrottle ?? { rateLimit: 1000, burstLimit: 1000 },
    now: () => clock.now,
  });
  return { limiter, clock };
}

const get = (apiKey: string | undefined, stage = 'v1'): UsageRequest => ({
  stage,
  apiKey,
  resource: '/tasks/{id}',
  method: 'GET',
});
const times = (count: number, decide: () => UsageVerdict): UsageVerdict[] =>
  Array.from({ length: count }, decide);
const MIDNIGHT = Date.UTC(2030, 0, 2);

describe('usage plan limiter', () => {
  it('lets a key burst up to burstLimit, then throttles it', () => {
    const { limiter } = limiterAt(MIDNIGHT + 3_600_000);
    expect(times(6, () => limiter.admit(get('key-a')))).toEqual([
      'ALLOWED',
      'ALLOWED',
      'ALLOWED',
      'ALLOWED',
      'THROTTLED',
      'THROTTLED',
    ]);
  });

  it('refills the key at its steady rate', () => {
    const { limiter, clock } = limiterAt(MIDNIGHT + 3_600_000);
    times(4, () => limiter.admit(get('key-a')));
    clock.now += 500; // 2/s → one token
    expect(times(2, () => limiter.admit(get('key-a')))).toEqual(['ALLOWED', 'THROTTLED']);
  });

  it('throttles keys independently', () => {
    const { limiter } = limiterAt(MIDNIGHT + 3_600_000);
    times(5, () => limiter.admit(get('key-a')));
    expect(limiter.admit(get('key-b'))).toBe('ALLOWED');
  });

  it('shares one bucket per key across stages', () => {
    const { limiter } = limiterAt(MIDNIGHT + 3_600_000);
    times(4, () => limiter.admit(get('key-a', 'v1')));
    expect(limiter.admit(get('key-a', 'v2'))).toBe('THROTTLED');
  });

  it('applies a method throttle on top of the key throttle', () => {
    const { limiter } = limiterAt(MIDNIGHT + 3_600_000);
    const register = { stage: 'v1', apiKey: 'key-a', resource: '/auth/register', method: 'POST' };
    expect(times(3, () => limiter.admit(register))).toEqual(['ALLOWED', 'ALLOWED', 'THROTTLED']);
    expect(limiter.admit(get('key-a'))).toBe('ALLOWED'); // the key's own bucket still has tokens
  });

  it('throttles every caller of a stage together, keys or not', () => {
    const { limiter } = limiterAt(MIDNIGHT + 3_600_000, { stageThrottle: { rateLimit: 1, burstLimit: 3 } });
    expect(limiter.admit(get(undefined))).toBe('ALLOWED');
    expect(limiter.admit(get('key-a'))).toBe('ALLOWED');
    expect(limiter.admit(get('key-b'))).toBe('ALLOWED');
    expect(limiter.admit(get('key-b'))).toBe('THROTTLED');
    expect(limiter.admit(get('key-b', 'v2'))).toBe('ALLOWED'); // another stage has its own bucket
  });

  it('charges nothing for a rejected request', () => {
    const { limiter } = limiterAt(MIDNIGHT + 3_600_000);
    times(10, () => limiter.admit(get('key-a')));
    expect(limiter.quotaUsed('key-a')).toBe(4);
  });

  it('stops a key at its daily quota until 00:00 UTC, then resets it', () => {
    const { limiter, clock } = limiterAt(MIDNIGHT - 10 * 60_000);
    for (let i = 0; i < 10; i++) {
      expect(limiter.admit(get('key-a'))).toBe('ALLOWED');
      clock.now += 1000; // slower than the refill, so only the quota counts
    }
    expect(limiter.admit(get('key-a'))).toBe('QUOTA_EXCEEDED');
    expect(limiter.admit(get('key-b'))).toBe('ALLOWED');
    clock.now = MIDNIGHT - 1;
    expect(limiter.admit(get('key-a'))).toBe('QUOTA_EXCEEDED');
    clock.now = MIDNIGHT;
    expect(limiter.admit(get('key-a'))).toBe('ALLOWED');
    expect(limiter.quotaUsed('key-a')).toBe(1);
  });

  it('enforces the deployed basic plan: burst 200, then 100 per second', () => {
    const clock = { now: MIDNIGHT + 1 };
    const limiter = new UsagePlanLimiter({
      plans: usagePlans,
      apiKeys: new Map([['basic-key', 'basic']]),
      stageThrottle: { rateLimit: 2000, burstLimit: 4000 },
      now: () => clock.now,
    });
    const verdicts = times(260, () => limiter.admit(get('basic-key')));
    expect(verdicts.filter((verdict) => verdict === 'ALLOWED')).toHaveLength(200);
    clock.now += 1000;
    expect(
      times(120, () => limiter.admit(get('basic-key'))).filter((verdict) => verdict === 'ALLOWED'),
    ).toHaveLength(100);
  });

  it('refuses a key map that names an unknown plan', () => {
    expect(
      () =>
        new UsagePlanLimiter({
          plans: { tiny },
          apiKeys: new Map([['k', 'gold']]),
          stageThrottle: tiny.throttle,
          now: () => 0,
        }),
    ).toThrow(/unknown usage plan/);
  });
});

describe('quota periods (offset 0, UTC)', () => {
  const at = Date.UTC(2030, 4, 15, 13, 45); // Wednesday 15 May 2030
  it('starts a DAY at 00:00 UTC', () => expect(periodStart('DAY', at)).toBe(Date.UTC(2030, 4, 15)));
  it('starts a WEEK on Sunday', () => expect(periodStart('WEEK', at)).toBe(Date.UTC(2030, 4, 12)));
  it('starts a MONTH on the 1st', () => expect(periodStart('MONTH', at)).toBe(Date.UTC(2030, 4, 1)));
});
