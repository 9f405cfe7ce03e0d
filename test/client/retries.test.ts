/**
 * Safe retries over real failures: an answer lost on the wire (a proxy drops the connection after the
 * server committed), a key still in flight (409), the usage plan's throttle and quota (429), against the
 * local gateway and DynamoDB Local.
 */
import { usagePlans, type UsagePlanDefinition } from '../../lib/config/usage-plans';
import { ConnectionError, type RetryEvent } from '../../client/src/index.ts';
import { API_KEY } from '../e2e/support/http-client';
import {
  clientFor,
  problemFrom,
  recordingFetch,
  signUp,
  useClientGateway,
  type RecordedRequest,
} from './support/client-fixtures';
import { startDroppingProxy, type DroppingProxy } from './support/dropping-proxy';

/** Tiny plans make throttling and quotas quick to reach and certain. */
const tinyPlan = (
  name: string,
  throttle: UsagePlanDefinition['throttle'],
  quota: number,
): UsagePlanDefinition => ({
  name,
  description: `test plan ${name}`,
  throttle,
  quota: { limit: quota, period: 'DAY' },
  methodThrottles: {},
});
const plans = {
  ...usagePlans,
  trickle: tinyPlan('trickle', { rateLimit: 1, burstLimit: 1 }, 1000),
  stuck: tinyPlan('stuck', { rateLimit: 0.001, burstLimit: 1 }, 1000),
  spent: tinyPlan('spent', { rateLimit: 100, burstLimit: 100 }, 1),
};
const apiKeys = new Map([
  [API_KEY, 'basic'],
  ['trickle-key', 'trickle'],
  ['trickle-key-2', 'trickle'],
  ['stuck-key', 'stuck'],
  ['spent-key', 'spent'],
]);

const gateway = useClientGateway({ plans, apiKeys });

describe('a create whose answer is lost', () => {
  let proxy: DroppingProxy;
  beforeAll(async () => {
    proxy = await startDroppingProxy(gateway.url);
  });
  afterAll(() => proxy.close());

  it('is sent again with the same Idempotency-Key and answered by the replay: one task', async () => {
    // Prepare
    const sent: RecordedRequest[] = [];
    const retries: RetryEvent[] = [];
    const api = clientFor(proxy.url, {
      fetch: recordingFetch(sent),
      onRetry: (event) => retries.push(event),
    });
    await signUp(api);
    proxy.dropNextAnswer();

    // Act
    const task = await api.tasks.create({ title: 'Exactly once' });

    // Assert
    expect(proxy.dropped).toBe(1);
    const creates = sent.filter((request) => request.method === 'POST' && request.url.endsWith('/v2/tasks'));
    expect(creates).toHaveLength(2);
    expect(creates[1]?.headers['idempotency-key']).toBe(creates[0]?.headers['idempotency-key']);
    expect(retries).toEqual([expect.objectContaining({ retry: 1, error: expect.any(ConnectionError) })]);
    expect(task.lastResponse).toMatchObject({ status: 201, replayed: true, attempts: 2 });
    const all = await api.tasks.listAll().toArray();
    expect(all.map((each) => each.id)).toEqual([task.id]);
  });

  it('is not retried when the write is not safe to repeat (PATCH without If-Match)', async () => {
    // Prepare
    const sent: RecordedRequest[] = [];
    const api = clientFor(proxy.url, { fetch: recordingFetch(sent) });
    await signUp(api);
    const task = await api.tasks.create({ title: 'Patched once' });
    proxy.dropNextAnswer();

    // Act
    const failure = await api.tasks.update(task.id, { status: 'completed' }).catch((error: unknown) => error);

    // Assert: the client reports the unknown outcome; the server did apply the patch.
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(sent.filter((request) => request.method === 'PATCH')).toHaveLength(1);
    expect((await api.tasks.get(task.id)).status).toBe('completed');
  });

  it('is retried for a PATCH with If-Match, whose repeat cannot apply twice', async () => {
    // Prepare
    const retries: RetryEvent[] = [];
    const api = clientFor(proxy.url, { onRetry: (event) => retries.push(event) });
    await signUp(api);
    const task = await api.tasks.create({ title: 'Conditional retry' });
    proxy.dropNextAnswer();

    // Act: the first attempt applied; its repeat meets the new ETag.
    const failure = await problemFrom(
      api.tasks.update(task.id, { status: 'completed' }, { ifMatch: task.lastResponse.etag }),
    );

    // Assert: retried once, and the repeat is refused rather than applied again.
    expect(retries).toEqual([expect.objectContaining({ error: expect.any(ConnectionError) })]);
    expect(failure).toMatchObject({ status: 412 });
    expect((await api.tasks.get(task.id)).status).toBe('completed');
  });
});

describe('an attempt that gets no answer in time', () => {
  let proxy: DroppingProxy;
  beforeAll(async () => {
    proxy = await startDroppingProxy(gateway.url);
  });
  afterAll(() => proxy.close());

  it('times out after timeoutMs and, for a GET, is tried again', async () => {
    // Prepare
    const retries: RetryEvent[] = [];
    const api = clientFor(proxy.url, { onRetry: (event) => retries.push(event) });
    await signUp(api);
    const task = await api.tasks.create({ title: 'Slow read' });
    proxy.stallNextAnswer();

    // Act
    const read = await api.tasks.get(task.id, { timeoutMs: 300 });

    // Assert
    expect(read.id).toBe(task.id);
    expect(read.lastResponse.attempts).toBe(2);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.error).toBeInstanceOf(ConnectionError);
    expect(retries[0]?.error).toMatchObject({
      timedOut: true,
      message: expect.stringContaining('no answer within 300 ms'),
    });
  });
});

describe('concurrent creates with one key', () => {
  it('all resolve to the same task, in-flight 409s retried until the replay', async () => {
    // Prepare
    const api = clientFor(gateway.url);
    await signUp(api);
    const idempotencyKey = globalThis.crypto.randomUUID();

    // Act
    const results = await Promise.all(
      Array.from({ length: 10 }, () => api.tasks.create({ title: 'Once, concurrently' }, { idempotencyKey })),
    );

    // Assert
    expect(new Set(results.map((task) => task.id)).size).toBe(1);
    expect(results.filter((task) => !task.lastResponse.replayed)).toHaveLength(1);
    expect(await api.tasks.listAll().toArray()).toHaveLength(1);
  });
});

describe('throttling (429) from the usage plan', () => {
  /** A signed-up user's token, used from a client on another API key. */
  async function tokenOnBasicPlan(): Promise<string> {
    const api = clientFor(gateway.url);
    await signUp(api);
    return api.auth.token!;
  }

  it('waits for Retry-After and succeeds', async () => {
    // Prepare: the plan allows one request a second, burst one.
    const retries: RetryEvent[] = [];
    const api = clientFor(gateway.url, {
      apiKey: 'trickle-key',
      accessToken: await tokenOnBasicPlan(),
      onRetry: (event) => retries.push(event),
    });
    await api.tasks.list();

    // Act
    const started = Date.now();
    const page = await api.tasks.list();

    // Assert
    expect(page.data).toEqual([]);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.error).toMatchObject({ status: 429, code: 'rate-limited', retryAfterMs: 1000 });
    expect(retries[0]?.delayMs).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('throws the 429 when the retry budget is spent', async () => {
    // Prepare: the plan's one token is not back for 1 000 s.
    const api = clientFor(gateway.url, {
      apiKey: 'stuck-key',
      accessToken: await tokenOnBasicPlan(),
      retry: { maxRetries: 0 },
    });
    await api.tasks.list();

    // Act
    const failure = await problemFrom(api.tasks.list());

    // Assert
    expect(failure).toMatchObject({ status: 429, retryAfterMs: 1000, requestId: expect.any(String) });
  });

  it('gives up at once on a spent quota, whose Retry-After is longer than maxDelayMs', async () => {
    // Prepare: the plan allows one request a day.
    const retries: RetryEvent[] = [];
    const api = clientFor(gateway.url, {
      apiKey: 'spent-key',
      accessToken: await tokenOnBasicPlan(),
      onRetry: (event) => retries.push(event),
    });
    await api.tasks.list();

    // Act
    const failure = await problemFrom(api.tasks.list());

    // Assert
    expect(failure).toMatchObject({ status: 429, code: 'quota-exceeded', retryAfterMs: 60_000 });
    expect(retries).toHaveLength(0);
  });

  it('retries a throttled non-repeatable call too: a 429 means nothing was done', async () => {
    // Prepare
    const token = await tokenOnBasicPlan();
    const api = clientFor(gateway.url, { apiKey: 'trickle-key-2', accessToken: token });
    const task = await api.tasks.create({ title: 'Throttled patch' });

    // Act: the PATCH without If-Match meets the empty bucket first.
    const updated = await api.tasks.update(task.id, { status: 'completed' });

    // Assert
    expect(updated.status).toBe('completed');
    expect(updated.lastResponse.attempts).toBe(2);
  });
});

describe('a connection that cannot be made', () => {
  it('is retried for a GET within the budget, then thrown as a ConnectionError', async () => {
    // Prepare: a proxy that is closed refuses connections.
    const closed = await startDroppingProxy(gateway.url);
    await closed.close();
    const retries: RetryEvent[] = [];
    const api = clientFor(closed.url, {
      retry: { maxRetries: 2, baseDelayMs: 1 },
      onRetry: (event) => retries.push(event),
    });

    // Act
    const failure = await api.health().catch((error: unknown) => error);

    // Assert
    expect(failure).toBeInstanceOf(ConnectionError);
    expect((failure as ConnectionError).timedOut).toBe(false);
    expect(retries.map((event) => event.retry)).toEqual([1, 2]);
  });

  it('aborts a wait between retries through the caller’s signal', async () => {
    // Prepare
    const closed = await startDroppingProxy(gateway.url);
    await closed.close();
    const controller = new AbortController();
    const api = clientFor(closed.url, {
      retry: { maxRetries: 5, baseDelayMs: 60_000 },
      onRetry: () => controller.abort(new Error('caller gave up')),
    });

    // Act
    const failure = await api.health({ signal: controller.signal }).catch((error: unknown) => error);

    // Assert
    expect(failure).toEqual(new Error('caller gave up'));
  });
});
