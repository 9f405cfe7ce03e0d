import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routes } from '../../functions/routes';
import { ListQueryV2Schema } from '../../functions/shared/domain/list-query-schemas';
import { problemTypeUri } from '../../functions/shared/errors/problem-types';
import { openApiDocument } from '../../lib/openapi/openapi-document';
import { withProblemList } from '../../lib/openapi/problem-list';

const root = join(__dirname, '..', '..');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking a JSON document
type Json = any;
const [v1, v2] = [openApiDocument('v1') as Json, openApiDocument('v2') as Json];
const operations = (document: Json): [string, string, Json][] =>
  Object.entries(document.paths as Record<string, Record<string, Json>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => [path, method, operation] as [string, string, Json]),
  );
const parameter = (document: Json, name: string) =>
  document.paths['/tasks'].get.parameters.find((candidate: Json) => candidate.name === name);

describe('the generated OpenAPI documents', () => {
  it.each(['v1', 'v2'] as const)(
    'docs/openapi-%s.json is what `npm run openapi` generates from the code now',
    (version) => {
      const generated = openApiDocument(version);
      const committed: unknown = JSON.parse(
        readFileSync(join(root, 'docs', `openapi-${version}.json`), 'utf8'),
      );
      expect(committed).toEqual(generated);
    },
  );

  it("docs/API.md's problem types are what `npm run openapi` writes from the problem guide now", () => {
    const committed = readFileSync(join(root, 'docs', 'API.md'), 'utf8');
    expect(withProblemList(committed)).toBe(committed);
  });

  it("documents every route of the route table, with the version's own body schema", () => {
    for (const route of routes)
      expect(v2.paths[route.path]?.[route.method.toLowerCase()]?.operationId).toBe(route.id);
    const createBody = (document: Json) =>
      Object.keys(
        document.components.schemas[
          document.paths['/tasks'].post.requestBody.content['application/json'].schema.$ref.split('/').pop()
        ].properties,
      );
    expect(createBody(v1)).toEqual(['title', 'description', 'status']);
    expect(createBody(v2)).toEqual(expect.arrayContaining(['priority', 'due_date', 'tags']));
  });

  it('gives every operation a summary, a description, a tag that has a description, and an operationId', () => {
    const tags = new Set(v2.tags.map((tag: Json) => tag.name));
    for (const [, , operation] of operations(v2)) {
      expect(operation).toEqual(
        expect.objectContaining({
          operationId: expect.any(String),
          summary: expect.any(String),
          description: expect.any(String),
          tags: [expect.any(String)],
        }),
      );
      expect(tags.has(operation.tags[0])).toBe(true);
    }
  });

  it('names the schemas clients use, and refers to them instead of repeating them', () => {
    expect(Object.keys(v2.components.schemas)).toEqual(
      expect.arrayContaining([
        'Task',
        'TaskPage',
        'User',
        'Token',
        'Problem',
        'Health',
        'Link',
        'Pagination',
        'TaskWrite',
        'TaskPatch',
      ]),
    );
    const ok = (path: string, method: string, status: string) =>
      v2.paths[path][method].responses[status].content['application/json'].schema;
    expect(ok('/tasks/{id}', 'get', '200')).toEqual({ $ref: '#/components/schemas/Task' });
    expect(ok('/tasks', 'get', '200')).toEqual({ $ref: '#/components/schemas/TaskPage' });
    expect(v2.components.schemas.TaskPage.properties.data.items).toEqual({
      $ref: '#/components/schemas/Task',
    });
  });

  it('types limit and skip as bounded integers and include_total as a boolean, as clients send them', () => {
    expect(parameter(v2, 'limit').schema).toEqual({
      type: 'integer',
      format: 'int32',
      minimum: 1,
      maximum: 100,
      default: 10,
    });
    expect(parameter(v1, 'skip').schema).toEqual({
      type: 'integer',
      format: 'int32',
      minimum: 0,
      maximum: 10000,
      default: 0,
    });
    expect(parameter(v2, 'include_total').schema).toEqual({ type: 'boolean', default: false });
  });

  it('keeps the runtime reading them as query-string text, with its own messages', () => {
    expect(ListQueryV2Schema.safeParse({ limit: '3', include_total: 'true' }).data).toMatchObject({
      limit: 3,
      include_total: true,
    });
    const refused = ListQueryV2Schema.safeParse({ limit: '1000', include_total: 'yes' });
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual([
      'must be at most 100',
      'Invalid option: expected one of "true"|"false"',
    ]);
  });

  it('gives dates and instants their formats', () => {
    const task = v2.components.schemas.Task.properties;
    expect(task.created_at).toMatchObject({ type: 'string', format: 'date-time' });
    expect(task.due_date.anyOf[0]).toMatchObject({ type: 'string', format: 'date' });
    expect(parameter(v2, 'due_before').schema).toMatchObject({ type: 'string', format: 'date' });
  });

  it('documents the 405 with Allow and the 429 with Retry-After on every operation, and 401 wherever a token is required', () => {
    for (const document of [v1, v2]) {
      for (const [path, method, operation] of operations(document)) {
        const where = `${method} ${path}`;
        expect({ where, allow: operation.responses['405']?.headers.Allow }).toEqual({
          where,
          allow: { $ref: '#/components/headers/Allow' },
        });
        expect({ where, retry: operation.responses['429']?.headers['Retry-After'] }).toEqual({
          where,
          retry: expect.anything(),
        });
        const route = routes.find(
          (candidate) => candidate.path === path && candidate.method.toLowerCase() === method,
        );
        expect({ where, has401: '401' in operation.responses }).toEqual({
          where,
          has401: route?.auth === 'jwt' || route?.id === 'Login',
        });
      }
    }
  });

  it('says which problem types each status carries', () => {
    const problem = (status: string) =>
      v2.paths['/tasks'].get.responses[status].content['application/problem+json'].schema.allOf[1].properties;
    expect(problem('400').type.enum).toEqual([
      problemTypeUri('malformed-request'),
      problemTypeUri('invalid-cursor'),
    ]);
    expect(problem('429').type.enum).toEqual([
      problemTypeUri('rate-limited'),
      problemTypeUri('quota-exceeded'),
    ]);
  });

  it('marks every v1 operation deprecated, with the Deprecation and Link headers its answers carry', () => {
    for (const [, , operation] of operations(v1)) {
      expect(operation.deprecated).toBe(true);
      expect(operation.responses['422'].headers).toMatchObject({
        Deprecation: { $ref: '#/components/headers/Deprecation' },
        Link: { $ref: '#/components/headers/Link' },
        Sunset: { $ref: '#/components/headers/Sunset' },
      });
    }
    for (const [, , operation] of operations(v2)) {
      expect(operation.deprecated).toBeUndefined();
      expect(operation.responses['422'].headers.Deprecation).toBeUndefined();
    }
  });

  it('makes the headers a function sends optional where the gateway may answer instead', () => {
    const me = v2.paths['/users/me'].get.responses;
    expect(me['200'].headers['X-Request-Id']).toEqual({ $ref: '#/components/headers/X-Request-Id' });
    expect(me['401'].headers['X-Request-Id']).toEqual({ $ref: '#/components/headers/X-Request-Id.optional' });
    expect(v2.components.headers['X-Request-Id.optional'].required).toBe(false);
  });

  it('declares both security schemes, a license and a server relative to the host', () => {
    expect(Object.keys(v2.components.securitySchemes)).toEqual(['apiKey', 'bearer']);
    expect(v2.info.license).toEqual({ name: 'MIT', identifier: 'MIT' });
    expect(v2.servers).toEqual([expect.objectContaining({ url: '/v2' })]);
    expect(v2.paths['/tasks'].get.security).toEqual([{ apiKey: [], bearer: [] }]);
    expect(v2.paths['/docs'].get.security).toEqual([]);
  });
});
