import { expectProblem } from './support/expectations';
import { API_KEY, HttpClient, PREMIUM_API_KEY, signUp } from './support/http-client';
import { npmStart, type StartedServer } from './support/npm-start';

/**
 * The basic plan (100 req/s, burst 200) on the real clock, through `npm start` in its own process: of 800
 * concurrent requests that would all succeed, about the burst (plus what refills meanwhile) gets through
 * and the rest get the THROTTLED gateway response.
 */
let server: StartedServer;
let client: HttpClient;

beforeAll(async () => {
  server = await npmStart();
  client = new HttpClient(server.url);
}, 90_000);
afterAll(() => server.stop());

it('lets at least 190 of 800 concurrent basic-key requests through and answers many with 429 + Retry-After', async () => {
  const user = await signUp(client);
  const burst = await Promise.all(
    Array.from({ length: 800 }, () =>
      client.request('GET', '/v1/users/me', { apiKey: API_KEY, token: user.token }),
    ),
  );
  const succeeded = burst.filter((response) => response.status === 200);
  const throttled = burst.filter((response) => response.status === 429);
  expect(succeeded.length).toBeGreaterThanOrEqual(190);
  expect(throttled.length).toBeGreaterThanOrEqual(100);
  expect(succeeded.length + throttled.length).toBe(800);
  for (const response of throttled) {
    expectProblem(response, 429, 'rate-limited');
    expect(response.headers.get('retry-after')).toBe('1');
  }
  expect(
    (await client.request('GET', '/v1/users/me', { apiKey: PREMIUM_API_KEY, token: user.token })).status,
  ).toBe(200);
}, 60_000);
