import fc from 'fast-check';
import { list, walkV2 } from '../support/list-client';
import { newUserId } from '../support/invoke';
import { DATES, seedTasks, TAGS } from '../support/seed-tasks';
import { modelList, type ModelQuery, type ModelTask } from '../support/task-model';

const ids = (tasks: { id: string }[]) => tasks.map((task) => task.id);

describe('GET /tasks on DynamoDB Local', () => {
  const userId = newUserId();
  let stored: ModelTask[] = [];

  beforeAll(async () => {
    stored = await seedTasks(userId, 137);
  });

  it('walks 137 tasks by 10 in 14 full pages, newest first, each exactly once', async () => {
    const pages = await walkV2(userId, { limit: 10 });
    expect(pages).toHaveLength(14);
    expect(pages.slice(0, 13).every((page) => page.data.length === 10)).toBe(true);
    expect(pages[13].data).toHaveLength(7);
    expect(pages.flatMap((page) => ids(page.data))).toEqual(ids(modelList(stored, {})));
    expect(pages[13].pagination).toMatchObject({ next_cursor: null, has_more: false });
    expect(pages[13].links.map((l: { rel: string }) => l.rel)).toEqual(['self']);
    expect(pages[0].links[1]).toEqual({
      rel: 'next',
      href: `/v2/tasks?limit=10&cursor=${pages[0].pagination.next_cursor}`,
      method: 'GET',
    });
  });

  const SORTS = ['created_at', 'updated_at', 'title', 'due_date', 'priority'] as const;
  const SINGLE_FILTERS: ModelQuery[] = [
    {},
    { status: 'in_progress' },
    { priority: 'low' },
    { tag: 'work' },
    { due_before: '2026-06-30' },
    { due_after: '2026-01-02' },
    { q: 'TASK' },
  ];

  it.each(
    SORTS.flatMap((sort_by) =>
      (['asc', 'desc'] as const).map((sort_order) => [sort_by, sort_order] as const),
    ),
  )(
    'walks every page sorted by %s %s, for no filter and each single filter, in the contract order',
    async (sort_by, sort_order) => {
      for (const filter of SINGLE_FILTERS) {
        const query = { ...filter, sort_by, sort_order };
        const pages = await walkV2(userId, { ...query, limit: 9 });
        expect(pages.flatMap((page) => ids(page.data))).toEqual(ids(modelList(stored, query)));
      }
    },
  );

  it('returns every matching task once, in the contract order, for random filter combinations and limits', async () => {
    const filters = {
      status: fc.constantFrom('pending', 'in_progress', 'completed'),
      priority: fc.constantFrom('low', 'medium', 'high'),
      tag: fc.constantFrom(...TAGS),
      due_before: fc.constantFrom(...DATES),
      due_after: fc.constantFrom(...DATES),
      q: fc.constantFrom('a', 'TASK', 'urgent', 'ä', 'report', '1', 'zz'),
    };
    const query = fc
      .record({
        chosen: fc.subarray(Object.keys(filters) as (keyof typeof filters)[], { maxLength: 2 }),
        values: fc.record(filters),
        sort_by: fc.constantFrom(...SORTS),
        sort_order: fc.constantFrom('asc', 'desc'),
      })
      .map(({ chosen, values, sort_by, sort_order }) => ({
        ...Object.fromEntries(chosen.map((name) => [name, values[name]])),
        sort_by,
        sort_order,
      }));
    await fc.assert(
      fc.asyncProperty(query, fc.integer({ min: 1, max: 40 }), async (q: ModelQuery, limit) => {
        fc.pre(!(q.due_after && q.due_before && q.due_after > q.due_before));
        const pages = await walkV2(userId, { ...q, limit });
        expect(pages.every((page) => page.data.length <= limit)).toBe(true);
        expect(pages.flatMap((page) => ids(page.data))).toEqual(ids(modelList(stored, q)));
      }),
      { numRuns: 60 },
    );
  });

  it('answers v1 with skip/limit pages and an exact total_count for every filter', async () => {
    for (const query of [
      {},
      { status: 'completed' },
      { q: 'report' },
      { status: 'pending', q: 'a', sort_by: 'title', sort_order: 'asc' },
    ] as ModelQuery[]) {
      const expected = modelList(stored, query);
      const response = await list(userId, 'v1', { ...query, skip: 5, limit: 7 });
      expect(response.status).toBe(200);
      expect(response.body.total_count).toBe(expected.length);
      expect(response.body).toMatchObject({ skip: 5, limit: 7 });
      expect(ids(response.body.items)).toEqual(ids(expected.slice(5, 12)));
      expect(response.body.items[0]).not.toHaveProperty('priority');
    }
  });

  it('counts include_total exactly, from counters or by counting', async () => {
    for (const query of [
      {},
      { status: 'in_progress' },
      { tag: 'work' },
      { priority: 'high', q: 'a' },
    ] as ModelQuery[]) {
      const response = await list(userId, 'v2', { ...query, include_total: true, limit: 1 });
      expect(response.body.pagination.total_count).toBe(modelList(stored, query).length);
    }
    const without = await list(userId, 'v2', { limit: 1 });
    expect(without.body.pagination).not.toHaveProperty('total_count');
  });
});

describe('list cursors and parameters', () => {
  const userId = newUserId();

  beforeAll(async () => {
    await seedTasks(userId, 12, 7);
  });

  const firstCursor = async (query: Record<string, string | number> = {}) =>
    (await list(userId, 'v2', { limit: 2, ...query })).body.pagination.next_cursor as string;

  it('rejects a tampered cursor with 400 problem+json', async () => {
    const cursor = await firstCursor();
    const [payload, mac] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify({ v: 1, q: 'x', k: { sk: 'TASK#0' } })).toString('base64url');
    for (const bad of [`${forged}.${mac}`, `${payload}.${mac!.slice(0, -2)}AA`, 'garbage', `${payload}`]) {
      const response = await list(userId, 'v2', { cursor: bad });
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('https://task-api.dev/problems/invalid-cursor');
    }
  });

  it('rejects a cursor reused with other filters or sort, or by another user', async () => {
    const cursor = await firstCursor({ sort_by: 'title' });
    expect((await list(userId, 'v2', { sort_by: 'title', cursor })).status).toBe(200);
    expect((await list(userId, 'v2', { sort_by: 'title', sort_order: 'asc', cursor })).status).toBe(400);
    expect((await list(userId, 'v2', { sort_by: 'title', status: 'pending', cursor })).status).toBe(400);
    expect((await list(newUserId(), 'v2', { sort_by: 'title', cursor })).status).toBe(400);
  });

  it.each([
    ['v2', { limit: 0 }],
    ['v2', { limit: 101 }],
    ['v2', { limit: 'ten' }],
    ['v2', { skip: 3 }],
    ['v1', { cursor: 'abc' }],
    ['v1', { priority: 'high' }],
    ['v1', { skip: 10001 }],
    ['v2', { sort_by: 'owner' }],
    ['v2', { status: 'done' }],
    ['v2', { due_before: '2026-02-30' }],
    ['v2', { due_after: '2026-05-01', due_before: '2026-04-01' }],
    ['v2', { q: '' }],
    ['v2', { q: 'x'.repeat(101) }],
    ['v2', { include_total: 'yes' }],
    ['v2', { colour: 'red' }],
  ] as const)('answers %s %j with 422 problem+json', async (stage, query) => {
    const response = await list(userId, stage, query);
    expect(response.status).toBe(422);
    expect(response.headers['Content-Type']).toBe('application/problem+json');
    expect(response.body.errors.length).toBeGreaterThan(0);
  });
});
