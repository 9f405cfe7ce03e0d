/**
 * `npm run openapi`: writes docs/openapi-v1.json and docs/openapi-v2.json from the route contracts and
 * their zod schemas, and the problem types section of docs/API.md from the problem catalogue. A unit test
 * fails when a committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../lib/openapi/openapi-document';
import { withProblemList } from '../lib/openapi/problem-list';

const root = join(__dirname, '..');

for (const version of ['v1', 'v2'] as const) {
  const file = join(root, 'docs', `openapi-${version}.json`);
  writeFileSync(file, `${JSON.stringify(openApiDocument(version), null, 2)}\n`);
  console.log(`wrote ${file}`);
}

const reference = join(root, 'docs', 'API.md');
writeFileSync(reference, withProblemList(readFileSync(reference, 'utf8')));
console.log(`wrote the problem types of ${reference}`);
