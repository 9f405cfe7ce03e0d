/**
 * Every call of the client against the local gateway and DynamoDB Local, over HTTP: auth, users, the
 * task CRUD of both versions, conditional writes, read-modify-write, and typed errors.
 */
import { TaskApiError } from '../../client/src/index.ts';
import { API_KEY } from '../e2e/support/http-client';
import {
  clientFor,
  clientV1For,
  PASSWORD,
  problemFrom,
  recordingFetch,
  signUp,
  useClientGateway,
  type RecordedRequest,
} from './support/client-fixtures';

const gateway = useClientGateway();

describe('auth and users', () => {
  it('registers, logs in, keeps the token and sends it on later calls', async () => {
    // Prepare
    const sent: RecordedRequest[] = [];
    const api = clientFor(gateway.url, { fetch: recordingFetch(sent) });
    const email = `Ada-${Date.now()}@Example.com`;

    // Act
    const registered = await api.auth.register({ email, password: PASSWORD, name: 'Ada' });
    const token = await api.auth.login({ email, password: PASSWORD });
    const me = await api.users.me();

    // Assert
    expect(registered).toEqual(
      expect.objectContaining({ email: email.toLowerCase(), name: 'Ada', id: expect.any(String) }),
    );
    expect(registered.lastResponse.status).toBe(201);
    expect(token.token_type).toBe('Bearer');
    expect(api.auth.token).toBe(token.access_token);
    expect(me).toEqual(expect.objectContaining({ id: registered.id, email: email.toLowerCase() }));
    expect(me.links).toEqual(expect.arrayContaining([expect.objectContaining({ rel: 'self' })]));
    expect(sent.at(-1)?.headers.authorization).toBe(`Bearer ${token.access_token}`);
    expect(sent.every((request) => request.headers['x-api-key'] === 'local-dev-key')).toBe(true);
  });

  it('answers a taken email with a ProblemError 409 email-taken, not retried', async () => {
    // Prepare
    const api = clientFor(gateway.url);
    const { email } = await signUp(api);

    // Act
    const failure = await problemFrom(api.auth.register({ email, password: PASSWORD }));

    // Assert
    expect(failure).toMatchObject({ status: 409, code: 'email-taken', requestId: expect.any(String) });
  });

  it('refuses an authenticated call before sending it when no one is logged in', async () => {
    // Prepare
    const sent: RecordedRequest[] = [];
    const api = clientFor(gateway.url, { fetch: recordingFetch(sent) });

    // Act
    const failure = await api.tasks.get('01J00000000000000000000000').catch((error: unknown) => error);

    // Assert
    expect(failure).toBeInstanceOf(TaskApiError);
    expect((failure as Error).message).toMatch(/auth\.login/);
    expect(sent).toHaveLength(0);
  });

  it('logs out with POST /auth/logout and the bearer token, and forgets the token', async () => {
    // Prepare
    const sent: RecordedRequest[] = [];
    const api = clientFor(gateway.url, { fetch: recordingFetch(sent) });
    await signUp(api);
    const token = api.auth.token;

    // Act
    const outcome = await api.auth.logout().then(
      () => 'resolved',
      (error: unknown) => error,
    );

    // Assert
    expect(sent.at(-1)).toMatchObject({
      method: 'POST',
      url: `${gateway.url}/v2/auth/logout`,
      headers: expect.objectContaining({ authorization: `Bearer ${token}` }),
    });
    expect(api.auth.token).toBeUndefined();
    expect(outcome).toBe('resolved');
    // The old token is revoked: the profile route refuses it at once.
    const me = await fetch(`${gateway.url}/v2/users/me`, {
      headers: { authorization: `Bearer ${token}`, 'x-api-key': API_KEY },
    });
    expect(me.status).toBe(401);
  });

  it('refuses a baseUrl that is not an http(s) URL', () => {
    expect(() => clientFor('127.0.0.1:3000')).toThrow(/baseUrl must be an http\(s\) URL of a stage root/);
  });

  it('reads health without key or token', async () => {
    // Prepare
    const api = clientFor(gateway.url, { apiKey: undefined });

    // Act
    const health = await api.health();

    // Assert
    expect(health).toEqual({ status: 'ok', version: 'v2' });
  });
});

describe('tasks (v2)', () => {
  it('creates with an Idempotency-Key, then gets, replaces, updates and deletes', async () => {
    // Prepare
    const sent: RecordedRequest[] = [];
    const api = clientFor(gateway.url, { fetch: recordingFetch(sent) });
    await signUp(api);

    // Act
    const created = await api.tasks.create({ title: 'Write the report', priority: 'high', tags: ['work'] });
    const read = await api.tasks.get(created.id);
    const replaced = await api.tasks.replace(created.id, {
      title: 'Write the final report',
      due_date: '2030-01-31',
    });
    const updated = await api.tasks.update(created.id, { status: 'in_progress', due_date: null });
    await api.tasks.delete(created.id);
    const afterDelete = await problemFrom(api.tasks.get(created.id));

    // Assert
    expect(created).toEqual(
      expect.objectContaining({
        title: 'Write the report',
        priority: 'high',
        tags: ['work'],
        status: 'pending',
      }),
    );
    expect(created.lastResponse).toMatchObject({ status: 201, replayed: false, attempts: 1 });
    expect(created.lastResponse.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[2]?.headers['idempotency-key']).toBe(created.lastResponse.idempotencyKey);
    expect(read).toEqual(created);
    expect(read.lastResponse.etag).toBe(created.lastResponse.etag);
    expect(replaced).toEqual(
      expect.objectContaining({
        title: 'Write the final report',
        priority: 'medium',
        tags: [],
        due_date: '2030-01-31',
      }),
    );
    expect(updated).toEqual(
      expect.objectContaining({ status: 'in_progress', due_date: null, title: 'Write the final report' }),
    );
    expect(sent.find((request) => request.method === 'PATCH')?.headers['content-type']).toBe(
      'application/merge-patch+json',
    );
    expect(new Set([created, replaced, updated].map((task) => task.lastResponse.etag)).size).toBe(3);
    expect(afterDelete).toMatchObject({ status: 404, code: 'not-found' });
  });

  it('turns a validation failure into a ProblemError with every problem field and the request id', async () => {
    // Prepare
    const api = clientFor(gateway.url);
    await signUp(api);

    // Act
    const failure = await problemFrom(api.tasks.create({ title: '', tags: ['Not A Tag!'] }));

    // Assert
    expect(failure).toMatchObject({
      status: 422,
      type: 'https://task-api.dev/problems/validation-error',
      code: 'validation-error',
      title: 'Validation failed',
      instance: '/v2/tasks',
    });
    expect(failure.errors.map((entry) => entry.field).sort()).toEqual(['tags.0', 'title']);
    expect(failure.requestId).toBe(failure.headers.get('x-request-id'));
    expect(failure.requestId).toBe(failure.problem.request_id);
  });

  it('writes with ifMatch only while the ETag is current: 412 afterwards', async () => {
    // Prepare
    const api = clientFor(gateway.url);
    await signUp(api);
    const task = await api.tasks.create({ title: 'Conditional' });
    const etag = task.lastResponse.etag!;
    await api.tasks.update(task.id, { priority: 'low' }, { ifMatch: etag });

    // Act
    const failures = await Promise.all([
      problemFrom(api.tasks.update(task.id, { priority: 'high' }, { ifMatch: etag })),
      problemFrom(api.tasks.replace(task.id, { title: 'Lost' }, { ifMatch: etag })),
      problemFrom(api.tasks.delete(task.id, { ifMatch: etag })),
    ]);

    // Assert
    for (const failure of failures)
      expect(failure).toMatchObject({ status: 412, code: 'precondition-failed' });
    expect(await api.tasks.get(task.id)).toEqual(
      expect.objectContaining({ priority: 'low', title: 'Conditional' }),
    );
  });

  it('updateWith re-reads and re-applies the change after a 412, losing neither write', async () => {
    // Prepare
    const api = clientFor(gateway.url);
    await signUp(api);
    const task = await api.tasks.create({ title: 'Shared', tags: ['a'] });
    const seen: string[][] = [];
    let interfered = false;

    // Act: another writer adds a tag between our read and our write, once.
    const result = await api.tasks.updateWith(task.id, async (current) => {
      seen.push(current.tags);
      if (!interfered) {
        interfered = true;
        await api.tasks.update(task.id, { tags: [...current.tags, 'theirs'] });
      }
      return { tags: [...current.tags, 'ours'] };
    });

    // Assert
    expect(seen).toEqual([['a'], ['a', 'theirs']]);
    expect(result.tags).toEqual(['a', 'theirs', 'ours']);
    expect(await api.tasks.get(task.id)).toEqual(expect.objectContaining({ tags: ['a', 'theirs', 'ours'] }));
  });

  it('updateWith gives up after maxAttempts and throws the last 412', async () => {
    // Prepare
    const api = clientFor(gateway.url);
    await signUp(api);
    const task = await api.tasks.create({ title: 'Contended' });
    let rounds = 0;

    // Act: someone else writes between every read and write.
    const failure = await problemFrom(
      api.tasks.updateWith(
        task.id,
        async () => {
          rounds += 1;
          await api.tasks.update(task.id, { description: `theirs ${rounds}` });
          return { description: 'ours' };
        },
        { maxAttempts: 3 },
      ),
    );

    // Assert
    expect(rounds).toBe(3);
    expect(failure).toMatchObject({ status: 412 });
    expect(await api.tasks.get(task.id)).toEqual(expect.objectContaining({ description: 'theirs 3' }));
  });

  it('updateWith writes nothing when the change returns undefined', async () => {
    // Prepare
    const api = clientFor(gateway.url);
    await signUp(api);
    const task = await api.tasks.create({ title: 'Untouched' });

    // Act
    const result = await api.tasks.updateWith(task.id, () => undefined);

    // Assert
    expect(result.lastResponse.etag).toBe(task.lastResponse.etag);
    expect((await api.tasks.get(task.id)).updated_at).toBe(task.updated_at);
  });

  it("lists one page with filters, a typed limit and include_total, and hides other users' tasks", async () => {
    // Prepare
    const api = clientFor(gateway.url);
    const other = clientFor(gateway.url);
    await Promise.all([signUp(api), signUp(other)]);
    for (const title of ['one', 'two', 'three']) await api.tasks.create({ title, tags: ['listed'] });
    await other.tasks.create({ title: 'not mine', tags: ['listed'] });

    // Act
    const page = await api.tasks.list({
      tag: 'listed',
      limit: 2,
      include_total: true,
      sort_by: 'title',
      sort_order: 'asc',
    });
    const next = await api.tasks.list({
      tag: 'listed',
      limit: 2,
      sort_by: 'title',
      sort_order: 'asc',
      cursor: page.pagination.next_cursor!,
    });

    // Assert
    expect(page.data.map((task) => task.title)).toEqual(['one', 'three']);
    expect(page.pagination).toMatchObject({ limit: 2, has_more: true, total_count: 3 });
    expect(next.data.map((task) => task.title)).toEqual(['two']);
    expect(next.pagination).toMatchObject({ has_more: false, next_cursor: null });
  });
});

describe('tasks (v1)', () => {
  it("speaks v1's representation and offset listing on the same data", async () => {
    // Prepare
    const v2 = clientFor(gateway.url);
    await signUp(v2);
    const v1 = clientV1For(gateway.url, { accessToken: v2.auth.token });
    const made = await v2.tasks.create({ title: 'From v2', priority: 'high', tags: ['kept'] });

    // Act
    const created = await v1.tasks.create({ title: 'From v1', description: 'old client' });
    const read = await v1.tasks.get(made.id);
    const replaced = await v1.tasks.replace(made.id, { title: 'Replaced by v1', status: 'completed' });
    const patched = await v1.tasks.update(
      created.id,
      { status: 'in_progress' },
      { ifMatch: created.lastResponse.etag },
    );
    const page = await v1.tasks.list({ limit: 1, skip: 1, sort_by: 'title', sort_order: 'asc' });
    const all = await v1.tasks.listAll({ limit: 1 }).toArray();
    const me = await v1.users.me();
    await v1.tasks.delete(created.id);

    // Assert
    expect(Object.keys(read).sort()).toEqual([
      'created_at',
      'description',
      'id',
      'status',
      'title',
      'updated_at',
    ]);
    expect(replaced).toEqual(expect.objectContaining({ title: 'Replaced by v1', status: 'completed' }));
    expect(await v2.tasks.get(made.id)).toEqual(
      expect.objectContaining({ priority: 'high', tags: ['kept'] }),
    );
    expect(patched.status).toBe('in_progress');
    expect(page).toEqual(expect.objectContaining({ total_count: 2, skip: 1, limit: 1 }));
    expect(page.items.map((task) => task.title)).toEqual(['Replaced by v1']);
    expect(all.map((task) => task.id).sort()).toEqual([created.id, made.id].sort());
    expect(me).not.toHaveProperty('links');
    expect((await v2.tasks.listAll().toArray()).map((task) => task.id)).toEqual([made.id]);
  });
});
