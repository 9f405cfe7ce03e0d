import fc from 'fast-check';
import { handler as register } from '../../functions/auth/register';
import { handler as createTask } from '../../functions/tasks/create';
import { handler as listTasks } from '../../functions/tasks/list';
import { handler as updateTask } from '../../functions/tasks/update';
import { invoke, newUserId } from '../support/invoke';
import { LIST_PARAMETERS } from '../support/request-names';

/** Any answer to garbage must be a 4xx problem (or a success), never a 5xx. */
function expectNo5xx(response: {
  status: number;
  headers: Record<string, string>;
  body: { status?: number } | undefined;
}) {
  expect(response.status).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers['Content-Type']).toBe('application/problem+json');
    expect(response.body?.status).toBe(response.status);
  }
}

const anyJson = fc.jsonValue({ maxDepth: 3 });
const fieldsish = fc.dictionary(
  fc.constantFrom(
    'title',
    'description',
    'status',
    'priority',
    'due_date',
    'tags',
    'id',
    'x',
    '__proto__',
    'constructor',
  ),
  fc.oneof(anyJson, fc.string(), fc.constant(null), fc.array(fc.string())),
);
const header = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('"', '""', '*', 'W/"x"', '"v1", ', '"' + 'k'.repeat(300) + '"'),
);

describe('malformed input never yields a 5xx', () => {
  const userId = newUserId();

  it('POST /tasks: random bodies, raw strings and Idempotency-Keys on both versions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fieldsish, anyJson, fc.string()),
        fc.option(header, { nil: undefined }),
        fc.constantFrom('v1', 'v2'),
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'application/merge-patch+json',
          '',
        ),
        async (body, key, stage, contentType) => {
          const response = await invoke(createTask, {
            stage,
            method: 'POST',
            resource: '/tasks',
            path: '/tasks',
            body: typeof body === 'string' ? body : JSON.stringify(body),
            headers: {
              'Content-Type': contentType,
              ...(key === undefined ? {} : { 'Idempotency-Key': key }),
            },
            userId,
          });
          expectNo5xx(response);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('PATCH /tasks/{id}: random patches, ids and If-Match headers', async () => {
    const created = await invoke(createTask, {
      method: 'POST',
      resource: '/tasks',
      path: '/tasks',
      body: { title: 't' },
      userId,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fieldsish, anyJson),
        fc.option(header, { nil: undefined }),
        fc.oneof(fc.constant(created.body.id as string), fc.string({ maxLength: 2000 })),
        async (body, ifMatch, id) => {
          const response = await invoke(updateTask, {
            method: 'PATCH',
            resource: '/tasks/{id}',
            path: `/tasks/${id}`,
            pathParameters: { id },
            body: JSON.stringify(body),
            headers: ifMatch === undefined ? {} : { 'If-Match': ifMatch },
            userId,
          });
          expectNo5xx(response);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('GET /tasks: random query strings, including repeated parameters and forged cursors', async () => {
    const names = fc.constantFrom(...LIST_PARAMETERS, 'x');
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(names, fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.nat().map(String))),
          { maxLength: 5 },
        ),
        fc.constantFrom('v1', 'v2'),
        async (query, stage) => {
          const response = await invoke(listTasks, {
            stage,
            method: 'GET',
            resource: '/tasks',
            path: '/tasks',
            query,
            userId,
          });
          expectNo5xx(response);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('POST /auth/register: random bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyJson,
          fc.record(
            {
              email: fc.oneof(fc.string(), fc.emailAddress()),
              password: fc.string(),
              name: fc.oneof(fc.string(), anyJson),
            },
            { requiredKeys: [] },
          ),
        ),
        async (body) => {
          const response = await invoke(register, {
            method: 'POST',
            resource: '/auth/register',
            path: '/auth/register',
            body: JSON.stringify(body),
            sourceIp: `192.0.2.${Math.floor(Math.random() * 255)}`,
          });
          expectNo5xx(response);
        },
      ),
      { numRuns: 40 },
    );
  });
});
