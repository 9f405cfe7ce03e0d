import type { ApiVersion } from './api-version';
import { link } from './links';
import type { Link, TaskListV1, TaskListV2, TaskV2 } from './response-schemas';
import { representTask } from './task-representation';
import type { Task } from './task-schemas';

export function representV1List(tasks: Task[], totalCount: number, skip: number, limit: number): TaskListV1 {
  return {
    items: tasks.map((task) => representTask(task, 'v1')),
    total_count: totalCount,
    skip,
    limit,
  };
}

/** v2's list envelope: cursor pagination and HATEOAS links (`self`, and `next` while more follow). */
export function representV2List(
  tasks: Task[],
  page: { limit: number; nextCursor: string | null; totalCount?: number },
  query: URLSearchParams,
  version: ApiVersion = 'v2',
): TaskListV2 {
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
