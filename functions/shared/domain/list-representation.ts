import type { ApiVersion } from './api-version';
import { link, type Link } from './links';
import { representTask, type TaskV2 } from './task-representation';
import type { Task } from './task-schemas';

/** v1's list envelope: offset pagination with the total. */
export function representV1List(tasks: Task[], totalCount: number, skip: number, limit: number) {
  return { items: tasks.map((task) => representTask(task, 'v1')), total_count: totalCount, skip, limit };
}

/** v2's list envelope: cursor pagination and HATEOAS links (`self`, and `next` while more follow). */
export function representV2List(
  tasks: Task[],
  page: { limit: number; nextCursor: string | null; totalCount?: number },
  query: URLSearchParams,
  version: ApiVersion = 'v2',
) {
  const href = (params: URLSearchParams) => {
    const search = params.toString();
    return `/${version}/tasks${search ? `?${search}` : ''}`;
  };
  const links: Link[] = [link('self', href(query))];
  if (page.nextCursor !== null) {
    const next = new URLSearchParams(query);
    next.set('cursor', page.nextCursor);
    links.push(link('next', href(next)));
  }
  return {
    data: tasks.map((task) => representTask(task, version) as TaskV2),
    pagination: {
      limit: page.limit,
      next_cursor: page.nextCursor,
      has_more: page.nextCursor !== null,
      ...(page.totalCount !== undefined ? { total_count: page.totalCount } : {}),
    },
    links,
  };
}
