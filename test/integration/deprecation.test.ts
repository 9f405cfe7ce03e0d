import { handler as createTask } from '../../functions/tasks/create';
import { handler as getTask } from '../../functions/tasks/get';
import { handler as listTasks } from '../../functions/tasks/list';
import { invoke, newUserId } from '../support/invoke';

/**
 * v1's deprecation signals from the functions, with a sunset configured as a deployer would (V1_SUNSET in
 * the functions' environment): on every v1 answer, successes, replays and problems alike; never on v2.
 */
const previous = process.env.V1_SUNSET;
beforeAll(() => {
  // Read at the functions' first request (their cold start in this test file).
  process.env.V1_SUNSET = '2027-06-30';
});
afterAll(() => {
  if (previous === undefined) delete process.env.V1_SUNSET;
  else process.env.V1_SUNSET = previous;
});

const SIGNALS = (path: string) => ({
  Deprecation: '@1795651200',
  Link: `</v2${path}>; rel="successor-version"`,
  Sunset: 'Wed, 30 Jun 2027 00:00:00 GMT',
});

describe('v1 answers carry Deprecation, Link rel="successor-version" and the configured Sunset', () => {
  it('on a created task, its replay, a read, a list and a problem', async () => {
    // Prepare
    const userId = newUserId();
    const post = (stage: 'v1' | 'v2') =>
      invoke(createTask, {
        stage,
        method: 'POST',
        resource: '/tasks',
        path: '/tasks',
        body: { title: 'Deprecated, not gone' },
        headers: { 'Idempotency-Key': `deprecation-${userId}-${stage}` },
        userId,
      });

    // Act
    const created = await post('v1');
    const replayed = await post('v1');
    const id = created.body.id as string;
    const read = await invoke(getTask, {
      stage: 'v1',
      method: 'GET',
      resource: '/tasks/{id}',
      path: `/tasks/${id}`,
      pathParameters: { id },
      userId,
    });
    const listed = await invoke(listTasks, {
      stage: 'v1',
      method: 'GET',
      resource: '/tasks',
      path: '/tasks',
      userId,
    });
    const invalid = await invoke(listTasks, {
      stage: 'v1',
      method: 'GET',
      resource: '/tasks',
      path: '/tasks',
      query: [['limit', '0']],
      userId,
    });

    // Assert
    expect(created.status).toBe(201);
    expect(replayed.headers['Idempotent-Replayed']).toBe('true');
    expect(invalid.status).toBe(422);
    for (const response of [created, replayed, listed, invalid])
      expect(response.headers).toMatchObject(SIGNALS('/tasks'));
    expect(read.headers).toMatchObject(SIGNALS(`/tasks/${id}`));
  });

  it('v2 answers carry none of them', async () => {
    const response = await invoke(listTasks, {
      stage: 'v2',
      method: 'GET',
      resource: '/tasks',
      path: '/tasks',
      userId: newUserId(),
    });
    expect(response.status).toBe(200);
    for (const name of ['Deprecation', 'Link', 'Sunset']) expect(response.headers[name]).toBeUndefined();
  });
});
