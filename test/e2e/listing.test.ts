import fc from 'fast-check';
import { DATES, TAGS, taskInput } from '../support/seed-tasks';
import { modelList, type ModelQuery, type ModelTask } from '../support/task-model';
import { PREMIUM_API_KEY, signUp, useTestGateway, type TestUser } from './support/http-client';

/** Listing over HTTP through the local gateway (what `npm start` serves), both versions. */
const client = useTestGateway();
let user: TestUser;
const stored: ModelTask[] = [];

const get = (path: string) => client.request('GET', path, { apiKey: PREMIUM_API_KEY, token: user.token });
const ids = (tasks: { id: string }[]) => tasks.map((task) => task.id);

async function walkV2(query: Record<string, string>): Promise<{ pages: number; ids: string[] }> {
  const walked: string[] = [];
  let href = `/v2/tasks?${new URLSearchParams(query).toString()}`;
  for (let pages = 1; pages <= 200; pages++) {
    const response = await get(href);
    if (response.status !== 200) throw new Error(`${href}: ${response.status} ${response.text}`);
    walked.push(...ids(response.body.data));
    const next = response.body.links.find((link: { rel: string }) => link.rel === 'next');
    if (!next) return { pages, ids: walked };
    href = next.href as string;
  }
  throw new Error('walk did not end');
}

beforeAll(async () => {
  user = await signUp(client);
  for (const input of fc.sample(taskInput, { numRuns: 110, seed: 3 })) {
    const created = await client.request('POST', '/v2/tasks', {
      apiKey: PREMIUM_API_KEY,
      token: user.token,
      json: input,
    });
    if (created.status !== 201) throw new Error(created.text);
    stored.push(created.body as ModelTask);
  }
}, 120_000);

describe('GET /tasks over HTTP', () => {
  const sorts = ['created_at', 'updated_at', 'title', 'due_date', 'priority'] as const;
  const filters: ModelQuery[] = [
    {},
    { status: 'completed' },
    { tag: TAGS[1]! },
    { due_after: DATES[1]! },
    { q: 'a' },
  ];

  it.each(
    sorts.flatMap((sort_by) =>
      (['asc', 'desc'] as const).map((sort_order) => [sort_by, sort_order] as const),
    ),
  )(
    'v2 follows `next` links through every page sorted by %s %s, for each filter, in the contract order',
    async (sort_by, sort_order) => {
      for (const filter of filters) {
        const query = { ...filter, sort_by, sort_order } as Record<string, string>;
        const walk = await walkV2({ ...query, limit: '8' });
        expect(walk.ids).toEqual(ids(modelList(stored, query)));
      }
    },
  );

  it('v2 walks 110 unfiltered tasks by 10 in 11 full pages, and v1 skip pages agree with v2', async () => {
    const walk = await walkV2({ limit: '10' });
    expect(walk.pages).toBe(11);
    const v1Pages = [];
    for (let skip = 0; skip < 110; skip += 25) v1Pages.push(await get(`/v1/tasks?skip=${skip}&limit=25`));
    expect(v1Pages.every((page) => page.body.total_count === 110)).toBe(true);
    expect(v1Pages.flatMap((page) => ids(page.body.items))).toEqual(walk.ids);
  });

  it('answers a tampered cursor with 400 and an unknown parameter with 422, as problem+json', async () => {
    const first = await get('/v2/tasks?limit=2');
    const cursor = first.body.pagination.next_cursor as string;
    const tampered = await get(`/v2/tasks?limit=2&cursor=${cursor.slice(0, -3)}abc`);
    expect(tampered.status).toBe(400);
    expect(tampered.headers.get('content-type')).toBe('application/problem+json');
    expect((await get('/v2/tasks?sort=title')).status).toBe(422);
  });
});
