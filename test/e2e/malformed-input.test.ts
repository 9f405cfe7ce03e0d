import fc from 'fast-check';
import { expectCommonHeaders, expectProblem } from './support/expectations';
import { signUp, STAGES, useTestGateway, type RequestOptions, type TestUser } from './support/http-client';

const client = useTestGateway();
let user: TestUser;

beforeAll(async () => {
  user = await signUp(client);
});

interface BadRequest {
  name: string;
  method: string;
  /** Path under the stage; `{id}` becomes an existing task of the user. */
  path: string;
  options: RequestOptions;
  status: number;
  type: string;
}

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

const cases: BadRequest[] = [
  {
    name: 'invalid JSON',
    method: 'POST',
    path: '/tasks',
    options: { raw: '{"title":', headers: { 'content-type': 'application/json' } },
    status: 400,
    type: 'malformed-request',
  },
  {
    name: 'an empty JSON body',
    method: 'POST',
    path: '/tasks',
    options: { raw: '', headers: { 'content-type': 'application/json' } },
    status: 400,
    type: 'malformed-request',
  },
  {
    name: 'a JSON array',
    method: 'POST',
    path: '/tasks',
    options: { json: [{ title: 'a' }] },
    status: 422,
    type: 'validation-error',
  },
  {
    name: 'a JSON string',
    method: 'POST',
    path: '/tasks',
    options: { json: 'title' },
    status: 422,
    type: 'validation-error',
  },
  {
    name: 'JSON null',
    method: 'POST',
    path: '/tasks',
    options: { raw: 'null', headers: { 'content-type': 'application/json' } },
    status: 422,
    type: 'validation-error',
  },
  {
    name: 'a number title',
    method: 'POST',
    path: '/tasks',
    options: { json: { title: 42 } },
    status: 422,
    type: 'validation-error',
  },
  {
    name: 'an empty title',
    method: 'POST',
    path: '/tasks',
    options: { json: { title: '   ' } },
    status: 422,
    type: 'validation-error',
  },
  {
    name: 'a 10 000-char title',
    method: 'POST',
    path: '/tasks',
    options: { json: { title: 'x'.repeat(10_000) } },
    status: 422,
    type: 'validation-error',
  },
  {
    name: 'a bad status',
    method: 'POST',
    path: '/tasks',
    options: { json: { title: 'a', status: 'PENDING' } },
    status: 422,
    type: 'validation-error',
  },
  {
    name: 'a description object',
    method: 'POST',
    path: '/tasks',
    options: { json: { title: 'a', description: { x: 1 } } },
    status: 422,
    type: 'validation-error',
  },
  {
    name: 'server-owned fields',
    method: 'POST',
    path: '/tasks',
    options: { json: { title: 'a', id: 'x', created_at: 'now', owner_id: 'me' } },
    status: 422,
    type: 'validation-error',
  },
  {
    name: 'a __proto__ field',
    method: 'POST',
    path: '/tasks',
    options: {
      raw: '{"title":"a","__proto__":{"admin":true}}',
      headers: { 'content-type': 'application/json' },
    },
    status: 422,
    type: 'validation-error',
  },
  {
    name: 'deeply nested arrays',
    method: 'POST',
    path: '/tasks',
    options: { raw: `{"title":${nested(5000)}}`, headers: { 'content-type': 'application/json' } },
    status: 422,
    type: 'validation-error',
  },
  {
    name: 'a 70 KiB body',
    method: 'POST',
    path: '/tasks',
    options: { json: { title: 'a', description: 'd'.repeat(70 * 1024) } },
    status: 413,
    type: 'payload-too-large',
  },
  {
    name: 'an 11 MB body (gateway limit)',
    method: 'POST',
    path: '/tasks',
    options: { raw: 'x'.repeat(11 * 1024 * 1024), headers: { 'content-type': 'application/json' } },
    status: 413,
    type: 'payload-too-large',
  },
  {
    name: 'a text/plain body',
    method: 'POST',
    path: '/tasks',
    options: { raw: 'title=a', headers: { 'content-type': 'text/plain' } },
    status: 415,
    type: 'unsupported-media-type',
  },
  {
    name: 'a body without Content-Type',
    method: 'POST',
    path: '/tasks',
    options: { raw: new TextEncoder().encode('{"title":"a"}') },
    status: 415,
    type: 'unsupported-media-type',
  },
  {
    name: 'a form body',
    method: 'PUT',
    path: '/tasks/{id}',
    options: { raw: 'title=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    status: 415,
    type: 'unsupported-media-type',
  },
  {
    name: 'merge-patch+json on POST',
    method: 'POST',
    path: '/tasks',
    options: { json: { title: 'a' }, headers: { 'content-type': 'application/merge-patch+json' } },
    status: 415,
    type: 'unsupported-media-type',
  },
  {
    name: 'an unterminated quoted Idempotency-Key',
    method: 'POST',
    path: '/tasks',
    options: { json: { title: 'a' }, headers: { 'idempotency-key': '"abc' } },
    status: 400,
    type: 'malformed-request',
  },
  {
    name: 'an empty Idempotency-Key',
    method: 'POST',
    path: '/tasks',
    options: { json: { title: 'a' }, headers: { 'idempotency-key': '' } },
    status: 400,
    type: 'malformed-request',
  },
  {
    name: 'a 256-char Idempotency-Key',
    method: 'POST',
    path: '/tasks',
    options: { json: { title: 'a' }, headers: { 'idempotency-key': 'k'.repeat(256) } },
    status: 400,
    type: 'malformed-request',
  },
  {
    name: 'an unquoted If-Match',
    method: 'PATCH',
    path: '/tasks/{id}',
    options: { json: { title: 'b' }, headers: { 'if-match': 'v1' } },
    status: 400,
    type: 'malformed-request',
  },
  {
    name: 'a partly bad If-Match list',
    method: 'DELETE',
    path: '/tasks/{id}',
    options: { headers: { 'if-match': '"v1", junk' } },
    status: 400,
    type: 'malformed-request',
  },
  {
    name: 'a bad If-None-Match',
    method: 'GET',
    path: '/tasks/{id}',
    options: { headers: { 'if-none-match': 'W/' } },
    status: 400,
    type: 'malformed-request',
  },
  {
    name: 'an unknown query parameter',
    method: 'GET',
    path: '/tasks/{id}?expand=owner',
    options: {},
    status: 422,
    type: 'validation-error',
  },
  {
    name: 'an unknown query parameter on /users/me',
    method: 'GET',
    path: '/users/me?x=%ZZ',
    options: {},
    status: 422,
    type: 'validation-error',
  },
  {
    name: 'a task id that cannot be one',
    method: 'GET',
    path: '/tasks/..%2F..%2Fusers',
    options: {},
    status: 404,
    type: 'not-found',
  },
  {
    name: 'a 2 000-char task id',
    method: 'PATCH',
    path: `/tasks/${'A'.repeat(2000)}`,
    options: { json: { title: 'a' } },
    status: 404,
    type: 'not-found',
  },
  {
    name: 'a register body with a bad email',
    method: 'POST',
    path: '/auth/register',
    options: { json: { email: 'not-an-email', password: 'long enough' } },
    status: 422,
    type: 'validation-error',
  },
  {
    name: 'a login body with extra fields',
    method: 'POST',
    path: '/auth/login',
    options: { json: { email: 'a@b.c', password: 'x', remember: true } },
    status: 422,
    type: 'validation-error',
  },
];

describe.each(STAGES)('malformed input, stage %s', (stage) => {
  let taskPath: string;
  beforeAll(async () => {
    const created = await client.request('POST', `/${stage}/tasks`, {
      token: user.token,
      json: { title: 'target' },
    });
    taskPath = `/${stage}/tasks/${created.body.id}`;
  });

  it.each(cases)(
    'answers $name with $status problem+json',
    async ({ method, path, options, status, type }) => {
      const url = path.startsWith('/tasks/{id}') ? path.replace('/tasks/{id}', taskPath) : `/${stage}${path}`;
      const response = await client.request(method, url, {
        token: user.token,
        sourceIp: user.ip,
        ...options,
      });
      expectProblem(response, status, type);
    },
  );

  it('never answers 5xx for arbitrary JSON or text bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((value) => JSON.stringify({ title: 'a', extra: value })),
        ),
        fc.constantFrom('POST', 'PUT', 'PATCH'),
        async (raw, method) => {
          const path = method === 'POST' ? `/${stage}/tasks` : taskPath;
          const response = await client.request(method, path, {
            token: user.token,
            raw,
            headers: { 'content-type': 'application/json' },
          });
          expect(response.status).toBeLessThan(500);
          expectCommonHeaders(response);
          if (response.status >= 400) expectProblem(response, response.status);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never answers 5xx for lone surrogates and control characters in strings', async () => {
    for (const title of ['\ud800', 'a\u0000b', '\u202e\u0007', '😀'.repeat(200)]) {
      const response = await client.request('POST', `/${stage}/tasks`, {
        token: user.token,
        raw: JSON.stringify({ title }),
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status).toBeLessThan(500);
    }
  });
});
