import { expectProblem } from './support/expectations';
import { HttpClient, PREMIUM_API_KEY, signUp, type TestUser } from './support/http-client';
import { npmStart, type StartedServer } from './support/npm-start';

/**
 * Write contention through `npm start` (its own process, as a user runs it): many concurrent writes to one
 * task without If-Match are re-applied on the fresh task, so clients see no 5xx; at least 36 of 40 apply,
 * and any that cannot is a 409 `edit-conflict` with Retry-After. What applied is counted from the task
 * itself: every applied write bumps its version (its ETag) by one.
 */
let server: StartedServer;
let client: HttpClient;
let user: TestUser;

beforeAll(async () => {
  server = await npmStart();
  client = new HttpClient(server.url);
  user = await signUp(client);
}, 90_000);
afterAll(() => server.stop());

const CONCURRENT = 40;

async function newTask(): Promise<{ id: string; etag: string }> {
  const created = await client.request('POST', '/v2/tasks', {
    apiKey: PREMIUM_API_KEY,
    token: user.token,
    json: { title: 'contended', tags: ['start'] },
  });
  return { id: created.body.id, etag: created.headers.get('etag')! };
}

/** `"v<n>"` → n */
const versionOf = (etag: string | null): number => Number(/^"v(\d+)"$/.exec(etag ?? '')?.[1]);

describe.each([
  ['PATCH title', 'PATCH', (index: number) => ({ title: `edit ${index}` })],
  [
    'PATCH status (counters move in a transaction)',
    'PATCH',
    (index: number) => ({ status: ['pending', 'in_progress', 'completed'][index % 3] }),
  ],
  ['PUT', 'PUT', (index: number) => ({ title: `replaced ${index}`, tags: [`t${index}`] })],
])(`%s: ${CONCURRENT} concurrent writes to one task without If-Match`, (_name, method, bodyOf) => {
  it(`never answer 5xx, apply at least 36 of ${CONCURRENT}, and refuse the rest with 409 + Retry-After`, async () => {
    // Prepare
    const task = await newTask();
    // Act
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, index) =>
        client.request(method, `/v2/tasks/${task.id}`, {
          apiKey: PREMIUM_API_KEY,
          token: user.token,
          json: bodyOf(index),
        }),
      ),
    );
    const final = await client.request('GET', `/v2/tasks/${task.id}`, {
      apiKey: PREMIUM_API_KEY,
      token: user.token,
    });
    // Assert
    const applied = responses.filter((response) => response.status === 200);
    const refused = responses.filter((response) => response.status !== 200);
    for (const response of refused) {
      expectProblem(response, 409, 'edit-conflict');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(applied.length).toBeGreaterThanOrEqual(36);
    // Each applied write made exactly one new version: 1 + applied, and every 200 saw a distinct one.
    expect(versionOf(final.headers.get('etag'))).toBe(versionOf(task.etag) + applied.length);
    expect(new Set(applied.map((response) => response.headers.get('etag'))).size).toBe(applied.length);
  });
});

it('the task counters agree with the tasks after concurrent status changes', async () => {
  // Prepare
  const task = await newTask();
  // Act
  await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      client.request('PATCH', `/v2/tasks/${task.id}`, {
        apiKey: PREMIUM_API_KEY,
        token: user.token,
        json: { status: index % 2 ? 'completed' : 'in_progress' },
      }),
    ),
  );
  const final = await client.request('GET', `/v2/tasks/${task.id}`, {
    apiKey: PREMIUM_API_KEY,
    token: user.token,
  });
  const counted = await client.request(
    'GET',
    `/v2/tasks?status=${final.body.status}&include_total=true&limit=100`,
    {
      apiKey: PREMIUM_API_KEY,
      token: user.token,
    },
  );
  // Assert: the status filter's total comes from the counters; the listing from the tasks themselves.
  expect(counted.body.pagination.total_count).toBe(counted.body.data.length);
});
