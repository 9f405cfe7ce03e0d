import { randomUUID } from 'node:crypto';
import type { UsagePlanDefinition } from '../../lib/config/usage-plans';
import type { RunningGateway } from '../../lib/local/gateway';
import { expectProblem } from './support/expectations';
import { API_KEY, HttpClient, newClientIp, PREMIUM_API_KEY, startTestGateway } from './support/http-client';

/** A clock the test moves by hand: no bucket refills while a burst is in flight, no sleeping. */
const MIDNIGHT = Date.UTC(2030, 0, 2);
const clock = { now: MIDNIGHT - 60_000 };
const handClock = () => clock.now;

describe('usage plans through the gateway (deployed plans, hand-moved clock)', () => {
  let gateway: RunningGateway;
  let client: HttpClient;
  beforeAll(async () => {
    gateway = await startTestGateway({ clock: handClock });
    client = new HttpClient(gateway.url);
  });
  afterAll(() => gateway.close());

  it("throttles a burst over the basic plan's 200 with 429 + Retry-After, in both stages, while another key is unaffected", async () => {
    // Act: 260 concurrent key-required requests (DELETE /users/me: each is a cheap 405 from the key-protected ANY method, after the plan check)
    const burst = await Promise.all(
      Array.from({ length: 260 }, () => client.request('DELETE', '/v1/users/me', { apiKey: API_KEY })),
    );
    const otherStage = await client.request('DELETE', '/v2/users/me', { apiKey: API_KEY });
    const premium = await client.request('DELETE', '/v1/users/me', { apiKey: PREMIUM_API_KEY });
    // Assert
    const statuses = burst.map((response) => response.status);
    expect(statuses.filter((status) => status === 405)).toHaveLength(200);
    expect(statuses.filter((status) => status === 429)).toHaveLength(60);
    for (const response of burst.filter(({ status }) => status === 429)) {
      expectProblem(response, 429, 'rate-limited');
      expect(response.headers.get('retry-after')).toBe('1');
    }
    expectProblem(otherStage, 429, 'rate-limited'); // one bucket per key across stages
    expectProblem(premium, 405, 'method-not-allowed');
    // A second later the bucket has 100 new tokens.
    clock.now += 1000;
    expect((await client.request('DELETE', '/v1/users/me')).status).toBe(405);
  });

  it('throttles POST /auth/register by its method throttle (burst 10) before the plan limit', async () => {
    const register = () =>
      client.request('POST', '/v1/auth/register', {
        apiKey: PREMIUM_API_KEY,
        json: { email: `e2e-${randomUUID()}@example.com`, password: 'x' },
        sourceIp: newClientIp(),
      });
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await register()).status);
    expect(statuses).toEqual([...Array<number>(10).fill(422), 429]);
    expect((await client.request('DELETE', '/v1/users/me', { apiKey: PREMIUM_API_KEY })).status).toBe(405);
  });
});

describe('daily quota through the gateway (tiny test plan)', () => {
  const tiny: UsagePlanDefinition = {
    name: 'tiny',
    description: 'three requests a day',
    throttle: { rateLimit: 100, burstLimit: 100 },
    quota: { limit: 3, period: 'DAY' },
    methodThrottles: {},
  };
  let gateway: RunningGateway;
  let client: HttpClient;
  beforeAll(async () => {
    gateway = await startTestGateway({
      clock: handClock,
      plans: { tiny },
      apiKeys: new Map([
        ['tiny-a', 'tiny'],
        ['tiny-b', 'tiny'],
      ]),
    });
    client = new HttpClient(gateway.url);
  });
  afterAll(() => gateway.close());

  it('answers QUOTA_EXCEEDED 429 + Retry-After once the day is spent, and resets at 00:00 UTC', async () => {
    clock.now = MIDNIGHT - 60_000;
    const spend = await Promise.all(
      [1, 2, 3].map(() => client.request('DELETE', '/v1/tasks', { apiKey: 'tiny-a' })),
    );
    expect(spend.map((response) => response.status)).toEqual([405, 405, 405]); // 405s count: the ANY method has a key
    const over = await client.request('DELETE', '/v2/users/me', { apiKey: 'tiny-a' });
    expectProblem(over, 429, 'quota-exceeded');
    expect(over.headers.get('retry-after')).toBe('60');
    expect((await client.request('DELETE', '/v1/users/me', { apiKey: 'tiny-b' })).status).toBe(405);
    expect((await client.request('GET', '/v1/health', { apiKey: null })).status).toBe(200); // no key, no quota
    clock.now = MIDNIGHT;
    expect((await client.request('DELETE', '/v1/users/me', { apiKey: 'tiny-a' })).status).toBe(405);
  });
});
