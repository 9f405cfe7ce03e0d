import { PREMIUM_API_KEY, signUp, STAGES, useTestGateway } from './support/http-client';

/** Idempotency and conditional writes under concurrency, over HTTP through the local gateway. */
const client = useTestGateway();

describe.each(STAGES)('concurrent writes, stage %s', (stage) => {
  it('creates exactly one task from 10 concurrent identical requests with one Idempotency-Key, over 3 rounds', async () => {
    const user = await signUp(client, stage);
    for (let round = 1; round <= 3; round++) {
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          client.request('POST', `/${stage}/tasks`, {
            apiKey: PREMIUM_API_KEY,
            token: user.token,
            headers: { 'Idempotency-Key': `"round-${round}"` },
            json: { title: `round ${round}` },
          }),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
      const created = responses.filter((response) => response.status === 201);
      expect(new Set(created.map((response) => response.text)).size).toBe(1);
      expect(new Set(created.map((response) => response.headers.get('etag'))).size).toBe(1);
    }
    const listed = await client.request('GET', `/${stage}/tasks?limit=100`, {
      apiKey: PREMIUM_API_KEY,
      token: user.token,
    });
    const tasks = stage === 'v1' ? listed.body.items : listed.body.data;
    expect(tasks.map((task: { title: string }) => task.title).sort()).toEqual([
      'round 1',
      'round 2',
      'round 3',
    ]);
  });

  it('lets exactly one of 8 concurrent PATCHes carrying the same If-Match win; the others get 412', async () => {
    const user = await signUp(client, stage);
    const created = await client.request('POST', `/${stage}/tasks`, {
      apiKey: PREMIUM_API_KEY,
      token: user.token,
      json: { title: 'contended' },
    });
    const etag = created.headers.get('etag')!;
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        client.request('PATCH', `/${stage}/tasks/${created.body.id}`, {
          apiKey: PREMIUM_API_KEY,
          token: user.token,
          headers: { 'If-Match': etag },
          json: { status: index % 2 ? 'completed' : 'in_progress' },
        }),
      ),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 412)).toHaveLength(7);
  });
});
