import { usagePlans } from '../../lib/config/usage-plans';
import { expectProblem } from './support/expectations';
import { API_KEY, HttpClient, PREMIUM_API_KEY, signUp } from './support/http-client';
import { npmStart, type StartedServer } from './support/npm-start';

/**
 * The basic plan (100 req/s, burst 200) on the real clock, through `npm start` in its own process: of 800
 * concurrent requests that would all succeed, at most the burst plus what refills meanwhile gets through
 * and the rest get the THROTTLED gateway response. How many that is depends on how fast this machine sends
 * them, so the bound is computed from the time the burst took.
 */
let server: StartedServer;
let client: HttpClient;

beforeAll(async () => {
  server = await npmStart();
  client = new HttpClient(server.url);
}, 90_000);
afterAll(() => server.stop());

it('lets through what the token bucket holds (burst + refill) of 800 concurrent basic-key requests, and answers the rest 429 + Retry-After', async () => {
  // Prepare
  const user = await signUp(client);
  const { burstLimit, rateLimit } = usagePlans.basic.throttle;

  // Act
  const started = performance.now();
  const burst = await Promise.all(
    Array.from({ length: 800 }, () =>
      client.request('GET', '/v1/users/me', { apiKey: API_KEY, token: user.token }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;

  // Assert: the bucket holds `burstLimit` and refills `rateLimit` a second, so however fast this machine
  // sends, no more than that gets through (one extra refill second of slack for the clocks' granularity).
  const succeeded = burst.filter((response) => response.status === 200);
  const throttled = burst.filter((response) => response.status === 429);
  const admissible = Math.min(800, Math.floor(burstLimit + rateLimit * (seconds + 1)));
  expect(succeeded.length).toBeGreaterThanOrEqual(Math.min(800, burstLimit - 10));
  expect(succeeded.length).toBeLessThanOrEqual(admissible);
  expect(succeeded.length + throttled.length).toBe(800);
  expect(throttled.length).toBeGreaterThanOrEqual(admissible < 800 ? 1 : 0);
  for (const response of throttled) {
    expectProblem(response, 429, 'rate-limited');
    expect(response.headers.get('retry-after')).toBe('1');
  }
  expect(
    (await client.request('GET', '/v1/users/me', { apiKey: PREMIUM_API_KEY, token: user.token })).status,
  ).toBe(200);
}, 60_000);
