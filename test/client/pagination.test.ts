/** Auto-pagination over 250 tasks through the local gateway: v2 cursors and v1 offsets. */
import type { Task, TaskApi } from '../../client/src/index.ts';
import { clientFor, clientV1For, signUp, useClientGateway } from './support/client-fixtures';

const gateway = useClientGateway();
const STATUSES = ['pending', 'in_progress', 'completed'] as const;

/** Creates `count` tasks, a few at a time; task i has status STATUSES[i % 3]. */
async function createTasks(api: TaskApi, count: number): Promise<Task[]> {
  const created: Task[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, offset) => start + offset);
    created.push(
      ...(await Promise.all(
        batch.map((i) =>
          api.tasks.create({ title: `Task ${String(i).padStart(3, '0')}`, status: STATUSES[i % 3] }),
        ),
      )),
    );
  }
  return created;
}

describe('walking 250 tasks', () => {
  let api: TaskApi;
  let created: Task[];
  beforeAll(async () => {
    api = clientFor(gateway.url);
    await signUp(api);
    created = await createTasks(api, 250);
  });

  it('listAll yields every task exactly once, newest first, in pages of 100', async () => {
    // Prepare
    const pageSizes: number[] = [];
    const counting = clientFor(gateway.url, {
      accessToken: api.auth.token,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        pageSizes.push(((await response.clone().json()) as { data: unknown[] }).data.length);
        return response;
      },
    });

    // Act
    const walked: Task[] = [];
    for await (const task of counting.tasks.listAll()) walked.push(task);

    // Assert
    const expectedIds = created
      .map((task) => task.id)
      .sort()
      .reverse();
    expect(walked.map((task) => task.id)).toEqual(expectedIds);
    expect(pageSizes).toEqual([100, 100, 50]);
  });

  it('listAll follows next_cursor with the filters and sort of the first page', async () => {
    // Act
    const pending = await api.tasks
      .listAll({ status: 'pending', sort_by: 'title', sort_order: 'asc', limit: 7 })
      .toArray();

    // Assert
    const expected = created
      .filter((task) => task.status === 'pending')
      .map((task) => task.title)
      .sort();
    expect(pending).toHaveLength(84);
    expect(pending.map((task) => task.title)).toEqual(expected);
  });

  it('pages() yields the pages themselves, the last without a next cursor', async () => {
    // Act
    const pages = [];
    for await (const page of api.tasks.pages({ limit: 100, include_total: true })) pages.push(page);

    // Assert
    expect(pages.map((page) => page.data.length)).toEqual([100, 100, 50]);
    expect(pages.map((page) => page.pagination.total_count)).toEqual([250, 250, 250]);
    expect(pages.at(-1)?.pagination).toMatchObject({ has_more: false, next_cursor: null });
  });

  it('stops fetching when the loop stops', async () => {
    // Prepare
    let requests = 0;
    const counting = clientFor(gateway.url, {
      accessToken: api.auth.token,
      fetch: (input, init) => {
        requests += 1;
        return fetch(input, init);
      },
    });

    // Act
    const firstFifteen = await counting.tasks.listAll({ limit: 10 }).toArray(15);

    // Assert
    expect(firstFifteen).toHaveLength(15);
    expect(requests).toBe(2);
  });

  it('v1 listAll walks the same tasks by offset', async () => {
    // Prepare
    const v1 = clientV1For(gateway.url, { accessToken: api.auth.token });

    // Act
    const walked = await v1.tasks.listAll().toArray();

    // Assert
    expect(walked.map((task) => task.id)).toEqual(
      created
        .map((task) => task.id)
        .sort()
        .reverse(),
    );
  });
});
