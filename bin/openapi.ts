/**
 * `npm run openapi`: writes docs/openapi-v1.json and docs/openapi-v2.json from the route contracts and
 * their zod schemas. A unit test fails when the committed files are stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../lib/openapi/openapi-document';

const root = join(__dirname, '..');

for (const version of ['v1', 'v2'] as const) {
  const file = join(root, 'docs', `openapi-${version}.json`);
  writeFileSync(file, `${JSON.stringify(openApiDocument(version), null, 2)}\n`);
  console.log(`wrote ${file}`);
}
