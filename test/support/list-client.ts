import { handler as listTasks } from '../../functions/tasks/list';
import { invoke, type InvokeResult } from './invoke';

/** GET /tasks through the real handler, with the query given as pairs (repeats allowed). */
export function list(
  userId: string,
  stage: 'v1' | 'v2',
  query: Record<string, string | number | boolean | undefined>,
): Promise<InvokeResult> {
  const pairs = Object.entries(query).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, String(value)] as [string, string]],
  );
  return invoke(listTasks, {
    stage,
    method: 'GET',
    resource: '/tasks',
    path: '/tasks',
    query: pairs,
    userId,
  });
}

/** Follows `next_cursor` from the first page to the last; returns every page's body. */
export async function walkV2(
  userId: string,
  query: Record<string, string | number | boolean | undefined>,
  betweenPages: () => Promise<void> = () => Promise.resolve(),
) {
  const pages = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const response = await list(userId, 'v2', { ...query, cursor });
    if (response.status !== 200) throw new Error(`page ${guard + 1}: ${response.status} ${response.rawBody}`);
    pages.push(response.body);
    if (!response.body.pagination.has_more) return pages;
    cursor = response.body.pagination.next_cursor;
    await betweenPages();
  }
  throw new Error('walk did not end');
}
