import type { MiddlewareStack } from '@smithy/types';
import { handler as createTask } from '../../functions/tasks/create';
import { handler as updateTask } from '../../functions/tasks/update';
import { useClock } from '../../functions/shared/config/clock';
import { dynamo } from '../../functions/shared/data/dynamodb-client';
import { IDEMPOTENCY_TTL_SECONDS } from '../../functions/shared/data/entities/idempotency-entity';
import { invoke, newUserId, type ProxyHandler } from '../support/invoke';
import { list } from '../support/list-client';

const create = (userId: string, body: unknown, key?: string, stage: 'v1' | 'v2' = 'v2') =>
  invoke(createTask, {
    stage,
    method: 'POST',
    resource: '/tasks',
    path: '/tasks',
    body,
    userId,
    headers: key === undefined ? {} : { 'Idempotency-Key': key },
  });

const taskCount = async (userId: string) =>
  (await list(userId, 'v2', { include_total: true, limit: 1 })).body.pagination.total_count as number;

describe('POST /tasks with Idempotency-Key', () => {
  it('replays the stored response byte for byte, with Idempotent-Replayed, and creates one task', async () => {
    const userId = newUserId();
    const first = await create(userId, { title: 'pay rent', tags: ['home'] }, 'key-1');
    const again = await create(userId, { tags: ['home'], title: 'pay rent' }, '"key-1"');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.rawBody).toBe(first.rawBody);
    expect(again.headers.Location).toBe(first.headers.Location);
    expect(again.headers.ETag).toBe(first.headers.ETag);
    expect(again.headers['Idempotent-Replayed']).toBe('true');
    expect(first.headers['Idempotent-Replayed']).toBeUndefined();
    expect(await taskCount(userId)).toBe(1);
  });

  it('answers 422 when the key is reused with another body or another version path', async () => {
    const userId = newUserId();
    await create(userId, { title: 'a' }, 'key-2');
    const otherBody = await create(userId, { title: 'b' }, 'key-2');
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.type).toBe('https://task-api.dev/problems/idempotency-key-reused');
    expect((await create(userId, { title: 'a' }, 'key-2', 'v1')).status).toBe(422);
    expect(await taskCount(userId)).toBe(1);
  });

  it('scopes keys to the user: two users with one key get two tasks', async () => {
    const [alice, bob] = [newUserId(), newUserId()];
    const a = await create(alice, { title: 'same' }, 'shared-key');
    const b = await create(bob, { title: 'same' }, 'shared-key');
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers['Idempotent-Replayed']).toBeUndefined();
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('stores nothing for a request that failed validation, so the corrected retry is processed', async () => {
    const userId = newUserId();
    expect((await create(userId, { title: '' }, 'key-3')).status).toBe(422);
    const corrected = await create(userId, { title: 'fixed' }, 'key-3');
    expect(corrected.status).toBe(201);
    expect(corrected.headers['Idempotent-Replayed']).toBeUndefined();
  });

  it('creates exactly one task for 20 concurrent identical requests; every answer is 201 or 409', async () => {
    for (let round = 0; round < 3; round++) {
      const userId = newUserId();
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => create(userId, { title: 'once' }, `burst-${round}`)),
      );
      expect(responses.every((response) => response.status === 201 || response.status === 409)).toBe(true);
      const created = responses.filter((response) => response.status === 201);
      expect(new Set(created.map((response) => response.rawBody)).size).toBe(1);
      expect(responses.filter((r) => r.status === 409).every((r) => r.headers['Retry-After'] === '1')).toBe(
        true,
      );
      expect(await taskCount(userId)).toBe(1);
    }
  });

  it('leaves nothing behind when the transaction never commits, so the retry creates exactly one task', async () => {
    const userId = newUserId();
    // Fault injection: the transaction is lost on the way to DynamoDB (a crash before commit).
    const stack = dynamo.middlewareStack as MiddlewareStack<object, object>;
    stack.add(
      () => () => Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
      { step: 'finalizeRequest', name: 'dropRequest' },
    );
    try {
      const lost = await create(userId, { title: 'crash' }, 'key-4');
      expect(lost.status).toBe(503);
      expect(lost.headers['Retry-After']).toBeDefined();
    } finally {
      stack.remove('dropRequest');
    }
    const retry = await create(userId, { title: 'crash' }, 'key-4');
    expect(retry.status).toBe(201);
    expect(retry.headers['Idempotent-Replayed']).toBeUndefined();
    expect(await taskCount(userId)).toBe(1);
  });

  it('treats a record past its 24 h TTL as absent, even before DynamoDB sweeps it', async () => {
    const userId = newUserId();
    await create(userId, { title: 'old' }, 'key-5');
    const restore = useClock(() => Date.now() + (IDEMPOTENCY_TTL_SECONDS + 60) * 1000);
    try {
      const later = await create(userId, { title: 'new' }, 'key-5');
      expect(later.status).toBe(201);
      expect(later.body.title).toBe('new');
    } finally {
      restore();
    }
  });

  it.each([['""'], ['"unterminated'], ['x'.repeat(256)], ['clé'], ['"a"b"']])(
    'answers 400 for the malformed key %j',
    async (key) => {
      const response = await create(newUserId(), { title: 'a' }, key);
      expect(response.status).toBe(400);
      expect(response.headers['Content-Type']).toBe('application/problem+json');
    },
  );
});

describe('conditional updates', () => {
  it('lets exactly one of 10 concurrent PATCHes with the same If-Match win; the rest get 412', async () => {
    const userId = newUserId();
    const created = await create(userId, { title: 'contended' });
    const id = created.body.id as string;
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        invoke(updateTask as ProxyHandler, {
          method: 'PATCH',
          resource: '/tasks/{id}',
          path: `/tasks/${id}`,
          pathParameters: { id },
          userId,
          body: { title: `writer ${index}` },
          headers: { 'If-Match': created.headers.ETag! },
        }),
      ),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 412)).toHaveLength(9);
  });

  it.each([['v1'], ['garbage'], ['"unterminated']])(
    'answers 400 for the malformed If-Match %j',
    async (ifMatch) => {
      const userId = newUserId();
      const created = await create(userId, { title: 'a' });
      const id = created.body.id as string;
      const response = await invoke(updateTask, {
        method: 'PATCH',
        resource: '/tasks/{id}',
        path: `/tasks/${id}`,
        pathParameters: { id },
        userId,
        body: { title: 'b' },
        headers: { 'If-Match': ifMatch },
      });
      expect(response.status).toBe(400);
    },
  );
});
