import { handler as createTask } from '../../functions/tasks/create';
import { handler as deleteTask } from '../../functions/tasks/delete';
import { handler as getTask } from '../../functions/tasks/get';
import { handler as replaceTask } from '../../functions/tasks/replace';
import { handler as updateTask } from '../../functions/tasks/update';
import { useClock } from '../../functions/shared/config/clock';
import { list } from '../support/list-client';
import { invoke, newUserId, type ProxyHandler } from '../support/invoke';

const create = (
  userId: string,
  body: unknown,
  stage: 'v1' | 'v2' = 'v2',
  headers: Record<string, string> = {},
) => invoke(createTask, { stage, method: 'POST', resource: '/tasks', path: '/tasks', body, userId, headers });

const onTask = (
  handler: unknown,
  method: string,
  userId: string,
  id: string,
  extra: { stage?: 'v1' | 'v2'; body?: unknown; headers?: Record<string, string> } = {},
) =>
  invoke(handler as ProxyHandler, {
    stage: extra.stage ?? 'v2',
    method,
    resource: '/tasks/{id}',
    path: `/tasks/${id}`,
    pathParameters: { id },
    userId,
    body: extra.body,
    headers: extra.headers,
  });

describe('task CRUD against DynamoDB Local', () => {
  it('creates a v2 task with defaults, Location and a strong ETag', async () => {
    const userId = newUserId();
    const response = await create(userId, { title: '  Write docs  ', tags: ['Docs', 'v2'] });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      title: 'Write docs',
      description: null,
      status: 'pending',
      priority: 'medium',
      due_date: null,
      tags: ['docs', 'v2'],
    });
    expect(response.headers.Location).toBe(`/v2/tasks/${response.body.id}`);
    expect(response.headers.ETag).toMatch(/^"[^"]+"$/);
    expect(response.body.links.map((l: { rel: string }) => l.rel)).toEqual([
      'self',
      'update',
      'replace',
      'delete',
    ]);
  });

  it('keeps v2-only fields when a v1 PUT replaces the task', async () => {
    const userId = newUserId();
    const { body: created } = await create(userId, {
      title: 'a',
      priority: 'high',
      due_date: '2030-01-31',
      tags: ['x'],
    });
    const put = await onTask(replaceTask, 'PUT', userId, created.id, { stage: 'v1', body: { title: 'b' } });
    expect(put.status).toBe(200);
    expect(put.body).not.toHaveProperty('priority');
    const after = await onTask(getTask, 'GET', userId, created.id);
    expect(after.body).toMatchObject({ title: 'b', priority: 'high', due_date: '2030-01-31', tags: ['x'] });
  });

  it("hides another user's task behind a 404", async () => {
    const { body: created } = await create(newUserId(), { title: 'mine' });
    const other = await onTask(getTask, 'GET', newUserId(), created.id);
    expect(other.status).toBe(404);
    expect(other.headers['Content-Type']).toBe('application/problem+json');
  });

  it('patches with merge-patch+json, 412 on a stale If-Match, 304 on a fresh If-None-Match', async () => {
    const userId = newUserId();
    const { body: created, headers } = await create(userId, { title: 'a', description: 'd' });
    const patched = await onTask(updateTask, 'PATCH', userId, created.id, {
      body: { description: null, status: 'completed' },
      headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': headers.ETag! },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ description: null, status: 'completed' });
    expect(patched.headers.ETag).not.toBe(headers.ETag);
    const stale = await onTask(updateTask, 'PATCH', userId, created.id, {
      body: { title: 'z' },
      headers: { 'If-Match': headers.ETag! },
    });
    expect(stale.status).toBe(412);
    const cached = await onTask(getTask, 'GET', userId, created.id, {
      headers: { 'If-None-Match': patched.headers.ETag! },
    });
    expect(cached.status).toBe(304);
    expect(cached.rawBody).toBe('');
  });

  it('deletes with 204, then GET and DELETE are 404', async () => {
    const userId = newUserId();
    const { body: created } = await create(userId, { title: 'gone' });
    expect((await onTask(deleteTask, 'DELETE', userId, created.id)).status).toBe(204);
    expect((await onTask(getTask, 'GET', userId, created.id)).status).toBe(404);
    expect((await onTask(deleteTask, 'DELETE', userId, created.id)).status).toBe(404);
  });

  it('answers malformed JSON with 400, unknown fields with 422, wrong content type with 415', async () => {
    const userId = newUserId();
    expect((await create(userId, '{"title":')).status).toBe(400);
    const unknown = await create(userId, { title: 'a', priority: 'high' }, 'v1');
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'priority', message: 'is not an allowed field' }]);
    expect((await create(userId, 'title=a', 'v2', { 'Content-Type': 'text/plain' })).status).toBe(415);
  });
});

describe('updates in place', () => {
  it('moves updated_at strictly forward even when two changes share a clock millisecond', async () => {
    const userId = newUserId();
    const { body: created } = await create(userId, { title: 'a' });
    const frozen = Date.parse(created.updated_at) + 5;
    const restore = useClock(() => frozen);
    try {
      const first = await onTask(updateTask, 'PATCH', userId, created.id, { body: { title: 'b' } });
      const second = await onTask(updateTask, 'PATCH', userId, created.id, { body: { title: 'c' } });
      expect(Date.parse(second.body.updated_at)).toBeGreaterThan(Date.parse(first.body.updated_at));
      expect(second.headers.ETag).not.toBe(first.headers.ETag);
    } finally {
      restore();
    }
  });

  it('moves the status counters when a PUT or PATCH changes the status, and not otherwise', async () => {
    const userId = newUserId();
    const { body: created } = await create(userId, { title: 'a', status: 'pending' });
    await onTask(updateTask, 'PATCH', userId, created.id, { body: { title: 'b', status: 'pending' } });
    await onTask(replaceTask, 'PUT', userId, created.id, { body: { title: 'c', status: 'completed' } });
    const counts = async (status: string) =>
      (await list(userId, 'v2', { status, include_total: true })).body.pagination.total_count;
    expect(await counts('pending')).toBe(0);
    expect(await counts('completed')).toBe(1);
  });
});
