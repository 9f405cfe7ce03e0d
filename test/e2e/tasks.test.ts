import { expectFunctionResponse, expectProblem } from './support/expectations';
import { signUp, STAGES, useTestGateway, type TestUser } from './support/http-client';

const client = useTestGateway();

describe.each(STAGES)('task lifecycle over HTTP, stage %s', (stage) => {
  let user: TestUser;
  beforeAll(async () => {
    user = await signUp(client, stage);
  });

  it('creates, reads (ETag, 304), patches (If-Match, 412), replaces and deletes a task', async () => {
    const auth = { token: user.token };
    // create
    const created = await client.request('POST', `/${stage}/tasks`, {
      ...auth,
      json: { title: '  Ship e2e  ', description: 'over HTTP' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Ship e2e', description: 'over HTTP', status: 'pending' });
    const id: string = created.body.id;
    expect(created.headers.get('location')).toBe(`/${stage}/tasks/${id}`);
    const etag1 = created.headers.get('etag');
    expect(etag1).toMatch(/^"[^"]+"$/);
    // read, then revalidate
    const read = await client.request('GET', `/${stage}/tasks/${id}`, auth);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get('etag')).toBe(etag1);
    expect(read.headers.get('cache-control')).toBe('private, no-cache');
    const cached = await client.request('GET', `/${stage}/tasks/${id}`, {
      ...auth,
      headers: { 'if-none-match': etag1! },
    });
    expect(cached.status).toBe(304);
    expect(cached.text).toBe('');
    // conditional patch, then a stale one
    const patched = await client.request('PATCH', `/${stage}/tasks/${id}`, {
      ...auth,
      json: { status: 'in_progress', description: null },
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': etag1! },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: 'in_progress', description: null });
    const etag2 = patched.headers.get('etag');
    expect(etag2).not.toBe(etag1);
    const stale = await client.request('PATCH', `/${stage}/tasks/${id}`, {
      ...auth,
      json: { title: 'lost update' },
      headers: { 'if-match': etag1! },
    });
    expectProblem(stale, 412, 'precondition-failed');
    // replace: omitted optional fields return to their defaults
    const replaced = await client.request('PUT', `/${stage}/tasks/${id}`, {
      ...auth,
      json: { title: 'Replaced' },
      headers: { 'if-match': etag2! },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id, title: 'Replaced', description: null, status: 'pending' });
    // delete, then it is gone
    const deleted = await client.request('DELETE', `/${stage}/tasks/${id}`, auth);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expectProblem(await client.request('GET', `/${stage}/tasks/${id}`, auth), 404, 'not-found');
    expectProblem(await client.request('DELETE', `/${stage}/tasks/${id}`, auth), 404, 'not-found');
    for (const response of [created, read, cached, patched, stale, replaced, deleted])
      expectFunctionResponse(response);
  });

  it("hides another user's task behind a 404 for every method", async () => {
    const owner = await signUp(client, stage);
    const created = await client.request('POST', `/${stage}/tasks`, {
      token: owner.token,
      json: { title: 'private' },
    });
    const path = `/${stage}/tasks/${created.body.id}`;
    expectProblem(await client.request('GET', path, { token: user.token }), 404, 'not-found');
    expectProblem(
      await client.request('PATCH', path, { token: user.token, json: { title: 'mine now' } }),
      404,
      'not-found',
    );
    expectProblem(
      await client.request('PUT', path, { token: user.token, json: { title: 'mine now' } }),
      404,
      'not-found',
    );
    expectProblem(await client.request('DELETE', path, { token: user.token }), 404, 'not-found');
    expect((await client.request('GET', path, { token: owner.token })).body.title).toBe('private');
  });

  it('replays a POST with the same Idempotency-Key', async () => {
    const request = {
      token: user.token,
      json: { title: 'once' },
      headers: { 'idempotency-key': `"e2e-${stage}-${user.id}"` },
    };
    const first = await client.request('POST', `/${stage}/tasks`, request);
    const again = await client.request('POST', `/${stage}/tasks`, request);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('data shared across versions', () => {
  it('shows a v1-created task in v2 with the v2 defaults and links', async () => {
    const user = await signUp(client, 'v1');
    const created = await client.request('POST', '/v1/tasks', {
      token: user.token,
      json: { title: 'from v1' },
    });
    expect(created.body).not.toHaveProperty('priority');
    const viaV2 = await client.request('GET', `/v2/tasks/${created.body.id}`, { token: user.token });
    expect(viaV2.status).toBe(200);
    expect(viaV2.body).toMatchObject({
      id: created.body.id,
      title: 'from v1',
      priority: 'medium',
      due_date: null,
      tags: [],
    });
    expect(viaV2.body.links).toContainEqual({
      rel: 'self',
      href: `/v2/tasks/${created.body.id}`,
      method: 'GET',
    });
    expect(viaV2.headers.get('etag')).toBe(created.headers.get('etag'));
  });

  it('keeps v2-only fields through a v1 PUT', async () => {
    const user = await signUp(client, 'v2');
    const created = await client.request('POST', '/v2/tasks', {
      token: user.token,
      json: { title: 'v2', priority: 'high', due_date: '2030-01-31', tags: ['x'] },
    });
    const put = await client.request('PUT', `/v1/tasks/${created.body.id}`, {
      token: user.token,
      json: { title: 'v1 put' },
    });
    expect(put.status).toBe(200);
    expect(put.body).not.toHaveProperty('tags');
    const after = await client.request('GET', `/v2/tasks/${created.body.id}`, { token: user.token });
    expect(after.body).toMatchObject({
      title: 'v1 put',
      priority: 'high',
      due_date: '2030-01-31',
      tags: ['x'],
    });
  });

  it('refuses a v2 field sent to v1 with 422', async () => {
    const user = await signUp(client, 'v1');
    const response = await client.request('POST', '/v1/tasks', {
      token: user.token,
      json: { title: 'a', priority: 'high' },
    });
    expectProblem(response, 422, 'validation-error');
    expect(response.body.errors).toEqual([{ field: 'priority', message: 'is not an allowed field' }]);
  });
});
