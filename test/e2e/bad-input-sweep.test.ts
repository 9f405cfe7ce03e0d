import fc from 'fast-check';
import { LIST_PARAMETERS, PROTOTYPE_NAMES } from '../support/request-names';
import { PREMIUM_API_KEY, signUp, useTestGateway, type TestUser } from './support/http-client';

/**
 * 1 000 random bad (and some good) requests through the local gateway: any method, known and unknown paths,
 * prototype-named and random query parameters and headers, malformed conditional headers, random bodies and
 * content types, good, garbage and missing tokens and keys. None may answer 5xx.
 */
const client = useTestGateway();
let user: TestUser;
let taskId: string;

beforeAll(async () => {
  user = await signUp(client);
  const created = await client.request('POST', '/v2/tasks', {
    apiKey: PREMIUM_API_KEY,
    token: user.token,
    json: { title: 'target' },
  });
  taskId = created.body.id;
});

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
const name = fc.oneof(
  fc.constantFrom(...PROTOTYPE_NAMES, ...LIST_PARAMETERS),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const headerName = fc.oneof(
  fc.constantFrom(...PROTOTYPE_NAMES, 'if-match', 'if-none-match', 'idempotency-key', 'content-type'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
);
const headerValue = fc.oneof(
  fc.stringMatching(/^[ -~]{0,40}$/),
  fc.constantFrom('"v1"', 'W/"v1"', '*', '"', 'application/json', 'text/plain', '"k"'),
);

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
  stage: fc.constantFrom('v1', 'v2', 'v3', ''),
  path: fc.oneof(
    fc.constantFrom(
      '/tasks',
      '/tasks/{id}',
      '/users/me',
      '/auth/login',
      '/auth/logout',
      '/health',
      '/openapi.json',
    ),
    text.map((segment) => `/tasks/${encodeURIComponent(segment)}`),
    text.map((segment) => `/${encodeURIComponent(segment)}`),
  ),
  query: fc.array(fc.tuple(name, text), { maxLength: 4 }),
  headers: fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
  body: fc.option(
    fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
      text,
    ),
    {
      nil: undefined,
    },
  ),
  token: fc.constantFrom('valid', 'garbage', 'none'),
  apiKey: fc.constantFrom('valid', 'garbage', 'none'),
});

it('answers 1 000 random requests without a single 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(request, async (input) => {
      const path = input.path.replace('{id}', taskId);
      const search = new URLSearchParams(input.query).toString();
      const response = await client.request(
        input.method,
        `/${input.stage}${path}${search ? `?${search}` : ''}`,
        {
          apiKey: input.apiKey === 'valid' ? PREMIUM_API_KEY : input.apiKey === 'garbage' ? 'nope' : null,
          ...(input.token === 'valid'
            ? { token: user.token }
            : input.token === 'garbage'
              ? { token: 'a.b.c' }
              : {}),
          headers: input.headers,
          ...(input.body !== undefined && input.method !== 'GET' && input.method !== 'HEAD'
            ? { raw: input.body }
            : {}),
        },
      );
      const verdict =
        response.status < 500 ? 'no 5xx' : `${input.method} ${path}: ${response.status} ${response.text}`;
      expect(verdict).toBe('no 5xx');
    }),
    { numRuns: 1000 },
  );
}, 120_000);
