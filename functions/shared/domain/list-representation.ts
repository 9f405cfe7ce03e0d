import type { ApiVersion } from './api-version';
import { z } from 'zod';
import { link, LinkSchema, type Link } from './links';
import { representTask, TaskV1Schema, TaskV2Schema, type TaskV2 } from './task-representation';
import type { Task } from './task-schemas';

/** v1's list envelope: offset pagination with the total. */
export const TaskListV1Schema = z.object({
  items: z.array(TaskV1Schema),
  total_count: z.number().int(),
  skip: z.number().int(),
  limit: z.number().int(),
});

/** v2's list envelope: cursor pagination and HATEOAS links. */
export const TaskListV2Schema = z.object({
  data: z.array(TaskV2Schema),
  pagination: z.object({
    limit: z.number().int(),
    next_cursor: z.string().nullable(),
    has_more: z.boolean(),
    total_count: z.number().int().optional(),
  }),
  links: z.array(LinkSchema),
});

export function representV1List(
  tasks: Task[],
  totalCount: number,
  skip: number,
  limit: number,
): z.infer<typeof TaskListV1Schema> {
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
): z.infer<typeof TaskListV2Schema> {
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
