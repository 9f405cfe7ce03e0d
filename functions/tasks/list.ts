import { keySet } from '../shared/auth/key-source';
import { clock } from '../shared/config/clock';
import { decodeCursor, encodeCursor, queryFingerprint } from '../shared/data/cursor';
import { planListQuery } from '../shared/data/list-plan';
import { countTasks, readOffsetPage, readPage } from '../shared/data/task-lister';
import { filterAndSort, type ListQueryV1, type ListQueryV2 } from '../shared/domain/list-query-schemas';
import { representV1List, representV2List } from '../shared/domain/list-representation';
import type { ApiRequest } from '../shared/http/api-context';
import { httpHandler } from '../shared/http/http-handler';
import { json, type ApiResponse } from '../shared/http/response';
import { listTasksContract } from './list.contract';

type ListRequest = ApiRequest<typeof listTasksContract>;

/** v1 pages by offset with a total; v2 by signed cursor with links. The total is read beside the page. */
function listTasks(request: ListRequest): Promise<ApiResponse> {
  return request.version === 'v1'
    ? listV1(request, request.query as ListQueryV1)
    : listV2(request, request.query as ListQueryV2);
}

async function listV1({ userId }: ListRequest, query: ListQueryV1): Promise<ApiResponse> {
  const { filter, sort } = filterAndSort(query);
  const plan = planListQuery(userId, filter, sort);
  const [tasks, total] = await Promise.all([
    readOffsetPage(userId, plan, query.skip, query.limit),
    countTasks(userId, filter, plan),
  ]);
  return json(200, representV1List(tasks, total, query.skip, query.limit));
}

async function listV2({ userId, version, event }: ListRequest, query: ListQueryV2): Promise<ApiResponse> {
  const { filter, sort } = filterAndSort(query);
  const plan = planListQuery(userId, filter, sort);
  const fingerprint = queryFingerprint(filter, sort);
  const cursorKeys = await keySet('cursor');
  const now = clock.now();
  const start = query.cursor
    ? decodeCursor(cursorKeys, userId, fingerprint, plan.keyAttributes, query.cursor, now)
    : undefined;
  const [page, total] = await Promise.all([
    readPage(userId, plan, query.limit, start),
    query.include_total ? countTasks(userId, filter, plan) : undefined,
  ]);
  const nextCursor = page.next ? encodeCursor(cursorKeys.current, userId, fingerprint, page.next, now) : null;
  const params = new URLSearchParams(
    Object.entries(event.queryStringParameters ?? {}).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  return json(
    200,
    representV2List(
      page.tasks,
      { limit: query.limit, nextCursor, ...(total !== undefined ? { totalCount: total } : {}) },
      params,
      version,
    ),
  );
}

export const handler = httpHandler(listTasksContract, listTasks);
