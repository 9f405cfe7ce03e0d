import { expectCommonHeaders, expectFunctionResponse, expectProblem } from './support/expectations';
import { API_KEY, PREMIUM_API_KEY, STAGES, useTestGateway } from './support/http-client';

const client = useTestGateway();

describe.each(STAGES)('local gateway, stage %s', (stage) => {
  it('serves health without an API key', async () => {
    // Act
    const response = await client.request('GET', `/${stage}/health`, { apiKey: null });
    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', version: stage });
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expectFunctionResponse(response);
  });

  it('answers 403 problem+json without an API key, and with an unknown one', async () => {
    const missing = await client.request('DELETE', `/${stage}/tasks`, { apiKey: null });
    const unknown = await client.request('POST', `/${stage}/auth/login`, { apiKey: 'not-a-key' });
    for (const response of [missing, unknown]) {
      expectProblem(response, 403, 'forbidden');
      expect(response.body.request_id).toBe(response.headers.get('x-amzn-requestid'));
    }
  });

  it('reads the API key header case-insensitively and accepts the premium key', async () => {
    const upper = await client.request('DELETE', `/${stage}/users/me`, {
      apiKey: null,
      headers: { 'X-API-KEY': API_KEY },
    });
    const premium = await client.request('DELETE', `/${stage}/users/me`, { apiKey: PREMIUM_API_KEY });
    // Past the key check, the key-protected ANY method answers 405.
    expectProblem(upper, 405, 'method-not-allowed');
    expectProblem(premium, 405, 'method-not-allowed');
  });

  it('runs the bearer-token authorizer before the API key check, as API Gateway does', async () => {
    expectProblem(await client.request('GET', `/${stage}/users/me`, { apiKey: null }), 401, 'unauthorized');
  });

  it("serves the stage's OpenAPI document without a key", async () => {
    const response = await client.request('GET', `/${stage}/openapi.json`, { apiKey: null });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      openapi: '3.1.0',
      info: { version: stage },
      servers: [{ url: `/${stage}` }],
    });
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/tasks', '/tasks/{id}', '/openapi.json']),
    );
  });

  it('answers 404 problem+json for an unknown route, with or without a key', async () => {
    expectProblem(await client.request('GET', `/${stage}/nope`), 404, 'not-found');
    expectProblem(await client.request('GET', `/${stage}/tasks/a/b`, { apiKey: null }), 404, 'not-found');
  });

  it('answers 405 with Allow for a known path and another method, after the key check', async () => {
    const response = await client.request('DELETE', `/${stage}/tasks`);
    expectProblem(response, 405, 'method-not-allowed');
    expect(response.headers.get('allow')).toBe('POST, GET');
    expect(response.body.detail).toBe('Allowed methods: POST, GET');
    const health = await client.request('POST', `/${stage}/health`);
    expect(health.headers.get('allow')).toBe('GET');
    expectProblem(await client.request('DELETE', `/${stage}/tasks`, { apiKey: null }), 403, 'forbidden');
  });

  it('answers 401 with WWW-Authenticate: Bearer before calling a function without a token', async () => {
    const response = await client.request('GET', `/${stage}/users/me`);
    expectProblem(response, 401, 'unauthorized');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.headers.get('x-request-id')).toBeNull(); // the gateway answered, no function ran
  });
});

describe('local gateway, outside the stages', () => {
  it.each(['/', '/health', '/v3/health', '/v1', '/V1/health'])(
    'answers 404 problem+json for %s',
    async (path) => {
      expectProblem(await client.request('GET', path, { apiKey: null }), 404, 'not-found');
    },
  );

  it('answers an unparseable request with 400 problem+json and keeps serving', async () => {
    const { createConnection } = await import('node:net');
    const url = new URL(client.baseUrl);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = createConnection({ host: url.hostname, port: Number(url.port) }, () =>
        socket.write('GARBAGE\r\n\r\n'),
      );
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('application/problem+json');
    const health = await client.request('GET', '/v1/health', { apiKey: null });
    expect(health.status).toBe(200);
    expectCommonHeaders(health);
  });
});
