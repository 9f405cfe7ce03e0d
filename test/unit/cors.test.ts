import middy from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { routes } from '../../functions/routes';
import { parseCorsOrigins, type CorsOrigins } from '../../functions/shared/config/cors-origins';
import {
  CORS_ALLOW_HEADERS,
  CORS_EXPOSE_HEADERS,
  corsResponseHeaders,
} from '../../functions/shared/http/cors';
import { cors } from '../../functions/shared/http/middleware/cors';
import type { ApiResponse } from '../../functions/shared/http/response';
import {
  gatewayResponseCorsHeaders,
  mockCorsHeaders,
  originOverrideTemplate,
  preflightCorsHeaders,
  renderMockCorsHeaders,
} from '../../lib/config/cors';
import { buildProxyEvent } from '../../lib/local/proxy-event';

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com:8443';
const EVIL = 'https://evil.example.net';
const two: CorsOrigins = { kind: 'list', origins: [APP, ADMIN] };

describe('CORS origins configuration', () => {
  it('reads a comma-separated list, * alone, or nothing (off)', () => {
    expect(parseCorsOrigins(` ${APP} , ${ADMIN},${APP}`)).toEqual(two);
    expect(parseCorsOrigins('*')).toEqual({ kind: 'any' });
    expect(parseCorsOrigins('')).toEqual({ kind: 'off' });
    expect(parseCorsOrigins([])).toEqual({ kind: 'off' });
    expect(parseCorsOrigins([APP])).toEqual({ kind: 'list', origins: [APP] });
  });

  it.each([
    ['a trailing slash', 'https://app.example.com/'],
    ['a path', 'https://app.example.com/app'],
    ['upper case', 'https://App.example.com'],
    ['the default port spelled out', 'https://app.example.com:443'],
    ['no scheme', 'app.example.com'],
    ['another scheme', 'ftp://app.example.com'],
    ['* with other origins', `*,${APP}`],
  ])('refuses an entry with %s, naming the variable', (_case, value) => {
    expect(() => parseCorsOrigins(value)).toThrow(/^Invalid function configuration: CORS_ORIGINS: /);
  });
});

describe("CORS headers of a function's answer", () => {
  it('are absent when CORS is off', () => {
    expect(corsResponseHeaders({ kind: 'off' }, APP)).toEqual({});
  });

  it('allow any origin with *, without Vary', () => {
    expect(corsResponseHeaders({ kind: 'any' }, EVIL)).toEqual({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS.join(', '),
    });
  });

  it('echo a listed origin, with Vary: Origin, and leave out any other', () => {
    expect(corsResponseHeaders(two, ADMIN)).toEqual({
      'Access-Control-Allow-Origin': ADMIN,
      'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS.join(', '),
      Vary: 'Origin',
    });
    expect(corsResponseHeaders(two, EVIL)).toEqual({ Vary: 'Origin' });
    expect(corsResponseHeaders(two, undefined)).toEqual({ Vary: 'Origin' });
  });

  it('expose every header the contract names to scripts', () => {
    expect(CORS_EXPOSE_HEADERS).toEqual(
      expect.arrayContaining([
        'ETag',
        'Location',
        'Retry-After',
        'RateLimit',
        'RateLimit-Policy',
        'X-Request-Id',
        'Idempotent-Replayed',
      ]),
    );
  });

  it('allow every request header a route reads, the key and the token', () => {
    const read = routes.flatMap((route) => [
      ...Object.keys(route.request?.headers?.shape ?? {}),
      ...(route.request?.body ? ['Content-Type'] : []),
      ...(route.apiKey ? ['x-api-key'] : []),
      ...(route.auth === 'jwt' ? ['Authorization'] : []),
    ]);
    const allowed: readonly string[] = CORS_ALLOW_HEADERS;
    expect(
      [...new Set(read.map((name) => name.toLowerCase()))].filter((name) => !allowed.includes(name)),
    ).toEqual([]);
    expect(allowed).toEqual(
      expect.arrayContaining([
        'authorization',
        'content-type',
        'idempotency-key',
        'if-match',
        'if-none-match',
        'x-api-key',
      ]),
    );
  });
});

describe('CORS middleware', () => {
  const handlerWith = (origins: CorsOrigins, answer: () => Promise<ApiResponse>) =>
    middy<APIGatewayProxyEvent, ApiResponse>()
      .use(cors(origins))
      .handler(() => answer());
  const eventFrom = (origin?: string) =>
    buildProxyEvent({
      stage: 'v2',
      method: 'GET',
      resource: '/health',
      path: '/health',
      headers: origin === undefined ? [] : [['oRiGiN', origin]],
    });

  it("stamps the answer for a listed origin (header name in any case), adding to the answer's Vary", async () => {
    const handler = handlerWith(two, () =>
      Promise.resolve({ statusCode: 200, headers: { Vary: 'Accept' }, body: '{}' }),
    );
    const response = await handler(eventFrom(APP), {} as never);
    expect(response.headers).toMatchObject({ 'Access-Control-Allow-Origin': APP, Vary: 'Accept, Origin' });
  });

  it('stamps error answers too', async () => {
    const failing = middy<APIGatewayProxyEvent, ApiResponse>()
      .use(cors({ kind: 'any' }))
      .use({
        onError: (request) => {
          request.response = { statusCode: 500, headers: {}, body: '{}' };
        },
      })
      .handler(() => Promise.reject(new Error('boom')));
    const response = await failing(eventFrom(EVIL), {});
    expect(response.headers['Access-Control-Allow-Origin']).toBe('*');
  });

  it('adds nothing when CORS is off', async () => {
    const handler = handlerWith({ kind: 'off' }, () =>
      Promise.resolve({ statusCode: 200, headers: {}, body: '' }),
    );
    expect((await handler(eventFrom(APP), {} as never)).headers).toEqual({});
  });
});

describe('CORS at the gateway (the description both gateways render)', () => {
  it('gateway responses: static * or single origin, else a copy of the request Origin', () => {
    expect(gatewayResponseCorsHeaders({ kind: 'off' })).toEqual({});
    expect(gatewayResponseCorsHeaders({ kind: 'any' })['Access-Control-Allow-Origin']).toEqual({
      value: '*',
    });
    expect(gatewayResponseCorsHeaders({ kind: 'list', origins: [APP] })).toMatchObject({
      'Access-Control-Allow-Origin': { value: APP },
      Vary: { value: 'Origin' },
    });
    expect(gatewayResponseCorsHeaders(two)['Access-Control-Allow-Origin']).toEqual({
      requestHeader: 'Origin',
    });
  });

  it('MOCK answers: a listed origin is echoed, any other gets the first listed one', () => {
    const mock = mockCorsHeaders(two);
    expect(renderMockCorsHeaders(mock, ADMIN)['Access-Control-Allow-Origin']).toBe(ADMIN);
    expect(renderMockCorsHeaders(mock, EVIL)['Access-Control-Allow-Origin']).toBe(APP);
    expect(renderMockCorsHeaders(mock, undefined)['Access-Control-Allow-Origin']).toBe(APP);
  });

  it('the VTL override names each listed origin, and nothing when none is echoed', () => {
    const template = originOverrideTemplate(two.origins);
    for (const origin of two.origins) expect(template).toContain(`$origin == "${origin}"`);
    expect(template).toContain('$context.responseOverride.header.Access-Control-Allow-Origin = $origin');
    expect(originOverrideTemplate([])).toBe('');
  });

  it("preflights: the resource's methods, the allowed headers, a max age, no exposed headers", () => {
    const { headers } = preflightCorsHeaders({ kind: 'any' }, ['POST', 'GET']);
    expect(headers).toMatchObject({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'POST, GET',
      'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS.join(', '),
      'Access-Control-Max-Age': '7200',
    });
    expect(headers).not.toHaveProperty('Access-Control-Expose-Headers');
  });
});
