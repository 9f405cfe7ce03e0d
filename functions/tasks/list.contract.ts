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
  tag: 'Tasks',
  auth: 'jwt',
  apiKey: true,
  cache: 'revalidate',
  request: { query: { v1: ListQueryV1Schema, v2: ListQueryV2Schema } },
  responses: [{ status: 200, description: 'A page of tasks', body: 'TaskPage' }],
  errors: ['invalid-cursor'],
  access: { tables: { tasks: 'read' }, keySets: ['cursor'] },
} as const satisfies RouteContract;
