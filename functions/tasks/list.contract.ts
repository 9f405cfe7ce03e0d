import { ListQueryV1Schema, ListQueryV2Schema } from '../shared/domain/list-query-schemas';
import type { RouteContract } from '../shared/http/route-contract';

/**
 * `GET /tasks`: filters, sorting and search on both versions; v1 pages by offset (`skip`) with a total,
 * v2 by signed cursor with links and an optional total.
 */
export const listTasksContract = {
  id: 'ListTasks',
  method: 'GET',
  path: '/tasks',
  entry: 'functions/tasks/list.ts',
  summary: 'List tasks: filter, sort, search, page',
  description:
    'Filters (`status`; v2 also `priority`, `tag`, `due_before`, `due_after`), a case-insensitive search `q` over title and description, a total and stable sort, and pages. v1 pages by offset (`skip`, with `total_count` always); v2 by signed cursor: pass `pagination.next_cursor` back as `cursor` (with the same filters and sort) until `has_more` is false, and ask for `total_count` with `include_total=true`.',
  tag: 'Tasks',
  auth: 'jwt',
  apiKey: true,
  cache: 'revalidate',
  request: { query: { v1: ListQueryV1Schema, v2: ListQueryV2Schema } },
  responses: [{ status: 200, description: 'A page of tasks', body: 'TaskPage' }],
  errors: ['invalid-cursor'],
  access: { tables: { tasks: 'read' }, keySets: ['cursor'] },
} as const satisfies RouteContract;
