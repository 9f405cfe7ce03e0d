import { parseCorsOrigins } from '../../lib/config/cors';
import type { UsagePlanDefinition } from '../../lib/config/usage-plans';
import type { RunningGateway } from '../../lib/local/gateway';
import { expectFunctionResponse, expectProblem } from './support/expectations';
import { HttpClient, signUp, startTestGateway, type HttpResult, type TestUser } from './support/http-client';

/**
 * Browser clients (CORS) through the local gateway, the functions behind it configured as `npm start`
 * configures them (one `CORS_ORIGINS` for both): preflights without key or token, the CORS headers on
 * function answers and on every answer the gateway makes itself, for listed and unlisted origins.
 */

const APP = 'https://app.example.com';
const ADMIN = 'http://localhost:5173';
const EVIL = 'https://evil.example.net';
const REQUIRED_ALLOW_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  'if-match',
  'if-none-match',
  'x-api-key',
];
const REQUIRED_EXPOSE_HEADERS = [
  'etag',
  'location',
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
  'x-request-id',
  'idempotent-replayed',
];

const listOf = (value: string | null) => (value ?? '').split(',').map((item) => item.trim().toLowerCase());

/** The CORS headers a browser reads from an answer to an allowed origin. */
function expectReadableFrom(response: HttpResult, origin: string): void {
  expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  expect(listOf(response.headers.get('access-control-expose-headers'))).toEqual(
    expect.arrayContaining(REQUIRED_EXPOSE_HEADERS),
  );
}

const tiny: UsagePlanDefinition = {
  name: 'tiny',
  description: 'one request at a time',
  throttle: { rateLimit: 1, burstLimit: 1 },
  quota: { limit: 1000, period: 'DAY' },
  methodThrottles: {},
};

/** A gateway for one block, with `CORS_ORIGINS` set for it and the functions it loads, then restored. */
function useGatewayWithOrigins(origins: string): { client: HttpClient; small: HttpClient } {
  const client = new HttpClient('');
  const small = new HttpClient('');
  const gateways: RunningGateway[] = [];
  const previous = process.env.CORS_ORIGINS;
  beforeAll(async () => {
    process.env.CORS_ORIGINS = origins;
    gateways.push(await startTestGateway());
    // A second gateway with a tiny plan and body limit, to meet 429 and 413 cheaply.
    gateways.push(
      await startTestGateway({
        plans: { tiny },
        apiKeys: new Map([['tiny-key', 'tiny']]),
        maxPayloadBytes: 64,
      }),
    );
    client.baseUrl = gateways[0]!.url;
    small.baseUrl = gateways[1]!.url;
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    if (previous === undefined) delete process.env.CORS_ORIGINS;
    else process.env.CORS_ORIGINS = previous;
  });
  return { client, small };
}

describe(`CORS with two allowed origins (CORS_ORIGINS=${APP},${ADMIN})`, () => {
  const { client, small } = useGatewayWithOrigins(`${APP},${ADMIN}`);
  let user: TestUser;
  beforeAll(async () => {
    user = await signUp(client);
  });

  it('answers a preflight on every resource with 204, without key or token, for the methods it has', async () => {
    // Act
    const tasks = await client.request('OPTIONS', '/v2/tasks', {
      apiKey: null,
      headers: {
        origin: ADMIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key, x-api-key',
      },
    });
    const task = await client.request('OPTIONS', '/v1/tasks/01ARZ3NDEKTSV4RRFFQ69G5FAV', {
      apiKey: null,
      headers: { origin: APP, 'access-control-request-method': 'PATCH' },
    });
    // Assert
    expect(tasks.status).toBe(204);
    expect(tasks.text).toBe('');
    expect(tasks.headers.get('access-control-allow-origin')).toBe(ADMIN);
    expect(tasks.headers.get('vary')).toBe('Origin');
    expect(listOf(tasks.headers.get('access-control-allow-methods'))).toEqual(['post', 'get']);
    expect(listOf(tasks.headers.get('access-control-allow-headers'))).toEqual(
      expect.arrayContaining(REQUIRED_ALLOW_HEADERS),
    );
    expect(Number(tasks.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(tasks.headers.get('strict-transport-security')).toMatch(/^max-age=/);
    expect(task.status).toBe(204);
    expect(task.headers.get('access-control-allow-origin')).toBe(APP);
    expect(listOf(task.headers.get('access-control-allow-methods'))).toEqual([
      'get',
      'put',
      'patch',
      'delete',
    ]);
    for (const path of ['/v2/health', '/v2/auth/login', '/v2/users/me', '/v2/openapi.json'])
      expect((await client.request('OPTIONS', path, { apiKey: null, headers: { origin: APP } })).status).toBe(
        204,
      );
  });

  it("never names an unlisted origin in a preflight's answer, so its browser refuses", async () => {
    const response = await client.request('OPTIONS', '/v2/tasks', {
      apiKey: null,
      headers: { origin: EVIL },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).not.toBe(EVIL);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it("lets an allowed origin read the functions' answers (and their headers), errors included", async () => {
    // Act
    const created = await client.request('POST', '/v2/tasks', {
      token: user.token,
      json: { title: 'from the browser' },
      headers: { origin: APP, 'idempotency-key': 'cors-1' },
    });
    const invalid = await client.request('POST', '/v2/tasks', {
      token: user.token,
      json: { title: '' },
      headers: { origin: ADMIN },
    });
    const health = await client.request('GET', '/v1/health', { apiKey: null, headers: { origin: APP } });
    // Assert
    expect(created.status).toBe(201);
    expectFunctionResponse(created);
    expectReadableFrom(created, APP);
    expect(created.headers.get('vary')).toBe('Origin');
    expectProblem(invalid, 422, 'validation-error');
    expectReadableFrom(invalid, ADMIN);
    expect(health.status).toBe(200);
    expectReadableFrom(health, APP);
  });

  it("gives an unlisted origin no Access-Control-Allow-Origin on the functions' answers", async () => {
    const listed = await client.request('GET', '/v2/tasks', { token: user.token, headers: { origin: EVIL } });
    const anonymous = await client.request('GET', '/v2/tasks', { token: user.token });
    for (const response of [listed, anonymous]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('vary')).toBe('Origin');
    }
  });

  it('puts the CORS headers on every answer the gateway makes itself: 401, 403, 404, 405, 413, 429', async () => {
    // Act
    const origin = { origin: ADMIN };
    const answers = {
      401: await client.request('GET', '/v2/users/me', { headers: origin }),
      403: await client.request('POST', '/v2/auth/login', { apiKey: 'not-a-key', headers: origin, json: {} }),
      404: await client.request('GET', '/v2/no-such-route', { headers: origin }),
      405: await client.request('DELETE', '/v2/tasks', { headers: origin }),
      413: await small.request('POST', '/v2/auth/login', {
        apiKey: 'tiny-key',
        json: { email: 'x'.repeat(100) },
        headers: origin,
      }),
    };
    await small.request('DELETE', '/v1/users/me', { apiKey: 'tiny-key', headers: origin });
    const throttled = await small.request('DELETE', '/v1/users/me', { apiKey: 'tiny-key', headers: origin });
    // Assert
    for (const [status, response] of Object.entries(answers)) {
      expect(response.status).toBe(Number(status));
      expectReadableFrom(response, ADMIN);
      expect(response.headers.get('x-request-id')).toBeNull(); // the gateway answered, no function ran
    }
    expectProblem(throttled, 429, 'rate-limited');
    expectReadableFrom(throttled, ADMIN);
  });

  it("copies any Origin onto the gateway's own errors, as API Gateway must with several origins, but not onto 405s", async () => {
    // API Gateway maps a gateway response's header from a static value or a request header, nothing
    // conditional (docs/DECISIONS.md): those answers hold no user data.
    const unauthorized = await client.request('GET', '/v2/users/me', { headers: { origin: EVIL } });
    const notAllowed = await client.request('DELETE', '/v2/tasks', { headers: { origin: EVIL } });
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe(EVIL);
    expect(notAllowed.headers.get('access-control-allow-origin')).toBe(APP);
  });
});

describe('CORS off (the default on AWS): the gateway', () => {
  let gateway: RunningGateway;
  let client: HttpClient;
  beforeAll(async () => {
    // Only gateway-made answers here (the functions' side: test/unit/cors.test.ts).
    gateway = await startTestGateway({ cors: parseCorsOrigins('') });
    client = new HttpClient(gateway.url);
  });
  afterAll(() => gateway.close());

  it('has no preflight (OPTIONS is a method like any other) and puts no CORS header on its answers', async () => {
    const preflight = await client.request('OPTIONS', '/v2/tasks', {
      apiKey: null,
      headers: { origin: APP },
    });
    const keyed = await client.request('OPTIONS', '/v2/tasks', { headers: { origin: APP } });
    const unknown = await client.request('GET', '/v2/no-such-route', { headers: { origin: APP } });
    expectProblem(preflight, 403, 'forbidden');
    expectProblem(keyed, 405, 'method-not-allowed');
    expectProblem(unknown, 404, 'not-found');
    for (const response of [preflight, keyed, unknown]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('vary')).toBeNull();
    }
  });
});

describe('CORS with one allowed origin: the gateway states it on its own answers', () => {
  let gateway: RunningGateway;
  let client: HttpClient;
  beforeAll(async () => {
    // Only gateway-made answers here, so the functions' configuration does not matter.
    gateway = await startTestGateway({ cors: parseCorsOrigins(APP) });
    client = new HttpClient(gateway.url);
  });
  afterAll(() => gateway.close());

  it('sends that origin whatever the request says, so only its pages can read them', async () => {
    const fromApp = await client.request('GET', '/v2/no-such-route', { headers: { origin: APP } });
    const fromElsewhere = await client.request('GET', '/v2/no-such-route', { headers: { origin: EVIL } });
    for (const response of [fromApp, fromElsewhere]) {
      expectProblem(response, 404, 'not-found');
      expect(response.headers.get('access-control-allow-origin')).toBe(APP);
      expect(response.headers.get('vary')).toBe('Origin');
    }
  });
});
