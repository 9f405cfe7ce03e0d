import { join } from 'node:path';
import type { RunningGateway } from '../../lib/local/gateway';
import { expectProblem } from './support/expectations';
import { HttpClient, startTestGateway } from './support/http-client';

/**
 * The gateway's own contract, checked with stub functions (test/e2e/fixtures/stub-functions) in place of
 * the real ones: the proxy event it builds, its authorizer handling, and what it does with bad results.
 */
const clock = { now: Date.UTC(2030, 0, 2, 12) };
let gateway: RunningGateway;
let client: HttpClient;

beforeAll(async () => {
  gateway = await startTestGateway({
    root: join(__dirname, 'fixtures', 'stub-functions'),
    clock: () => clock.now,
  });
  // Stub functions answer with what they were sent, which no operation documents.
  client = new HttpClient(gateway.url, { contract: false });
});
afterAll(() => gateway.close());

describe('proxy event built by the local gateway', () => {
  it('carries stage, paths, decoded query and path parameters, raw headers, identity and the authorizer context', async () => {
    // Act
    const response = await client.request('GET', '/v2/tasks/a%20b?tag=x%2By&tag=z&q=hello+world&flag', {
      token: 'event-shape',
      headers: { 'X-Repeated': 'one', 'x-test-source-ip': '192.0.2.7' },
    });
    // Assert
    expect(response.status).toBe(200);
    const event = response.body;
    expect(event).toMatchObject({
      resource: '/tasks/{id}',
      path: '/tasks/a%20b',
      httpMethod: 'GET',
      pathParameters: { id: 'a b' },
      queryStringParameters: { tag: 'z', q: 'hello world', flag: '' },
      multiValueQueryStringParameters: { tag: ['x+y', 'z'], q: ['hello world'], flag: [''] },
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
      requestContext: {
        stage: 'v2',
        path: '/v2/tasks/a%20b',
        resourcePath: '/tasks/{id}',
        httpMethod: 'GET',
        requestId: response.headers.get('x-amzn-requestid'),
        requestTimeEpoch: clock.now,
        identity: {
          sourceIp: '192.0.2.7',
          apiKey: 'local-dev-key',
          apiKeyId: expect.stringMatching(/^[0-9a-f]{10}$/),
        },
        authorizer: {
          principalId: 'stub-user',
          userId: 'stub-user',
          admin: 'false',
          calls: expect.stringMatching(/^\d+$/),
          integrationLatency: expect.any(Number),
          methodArn: expect.stringMatching(/:local\/v2\/GET\/tasks\/a%20b$/),
        },
      },
    });
    expect(event.headers['X-Repeated']).toBe('one');
    expect(event.multiValueHeaders['X-Repeated']).toEqual(['one']);
    expect(event.headers.authorization).toBe('Bearer event-shape');
  });

  it('uses the socket address as sourceIp when no test header is sent', async () => {
    const response = await client.request('GET', '/v1/users/me', { token: 'socket-ip' });
    expect(response.body.requestContext.identity.sourceIp).toBe('127.0.0.1');
    expect(response.body.requestContext.stage).toBe('v1');
  });

  it('writes multiValueHeaders and decodes base64 bodies', async () => {
    const multi = await client.request('GET', '/v1/users/me', { token: 'multi' });
    expect(multi.headers.get('x-multi')).toBe('a, b');
    const binary = await client.request('DELETE', '/v1/tasks/any', { token: 'binary' });
    expect(binary.text).toBe('binary ok');
    expect(binary.headers.get('x-amzn-requestid')).toBeTruthy();
  });
});

describe('authorizer handling', () => {
  it('caches an Allow per token for 300 s of gateway time, then calls the authorizer again', async () => {
    const calls = async () =>
      Number(
        (await client.request('GET', '/v1/users/me', { token: 'cache-me' })).body.requestContext.authorizer
          .calls,
      );
    const first = await calls();
    clock.now += 299_000;
    expect(await calls()).toBe(first);
    clock.now += 1_000;
    expect(await calls()).toBeGreaterThan(first);
  });

  it('answers 401 for Unauthorized and for a Deny policy, 500 when the authorizer fails', async () => {
    const unauthorized = await client.request('GET', '/v1/users/me', { token: 'nope' });
    expectProblem(unauthorized, 401, 'unauthorized');
    expect(unauthorized.headers.get('www-authenticate')).toBe('Bearer');
    expectProblem(await client.request('GET', '/v1/users/me', { token: 'deny' }), 401, 'unauthorized');
    expectProblem(await client.request('GET', '/v1/users/me', { token: 'crash' }), 500, 'internal-error');
  });
});

describe('bad function results', () => {
  it.each([
    ['a result that is not a proxy response', 'GET', '/v1/health'],
    ['a function that throws', 'POST', '/v1/auth/register'],
    ['a header value with CR LF', 'POST', '/v1/auth/login'],
    ['a handler module that does not exist', 'PUT', '/v1/tasks/x'],
  ])('answers %s with 500 problem+json and keeps serving', async (_name, method, path) => {
    const response = await client.request(method, path, {
      token: 'ok',
      json: method === 'GET' ? undefined : {},
    });
    expectProblem(response, 500, 'internal-error');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect((await client.request('GET', '/v1/users/me', { token: 'ok' })).status).toBe(200);
  });
});

describe('405 through the ANY mock', () => {
  it('answers 400 when the mock has no template for the request content type, as API Gateway does', async () => {
    expectProblem(
      await client.request('DELETE', '/v1/tasks', { raw: 'x', headers: { 'content-type': 'text/plain' } }),
      400,
      'malformed-request',
    );
    const json = await client.request('DELETE', '/v1/tasks', { json: {} });
    expectProblem(json, 405, 'method-not-allowed');
  });
});
