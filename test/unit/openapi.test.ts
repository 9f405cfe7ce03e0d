import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routes } from '../../functions/routes';
import { openApiDocument } from '../../lib/openapi/openapi-document';

const root = join(__dirname, '..', '..');

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

  it("documents every route of the route table, with the version's own body schema", () => {
    const [v1, v2] = [openApiDocument('v1'), openApiDocument('v2')];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking a JSON document
    type Operation = any;
    const paths = (document: Record<string, unknown>) =>
      document.paths as Record<string, Record<string, Operation>>;
    for (const route of routes)
      expect(paths(v2)[route.path]?.[route.method.toLowerCase()]?.operationId).toBe(route.id);
    const createBody = (document: Record<string, unknown>) =>
      Object.keys(paths(document)['/tasks']!.post.requestBody.content['application/json'].schema.properties);
    expect(createBody(v1)).toEqual(['title', 'description', 'status']);
    expect(createBody(v2)).toEqual(expect.arrayContaining(['priority', 'due_date', 'tags']));
  });
});
