/**
 * `npm run openapi`: writes docs/openapi-v1.json and docs/openapi-v2.json from the route table and the
 * handlers' zod schemas. A unit test fails when the committed files are stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../lib/openapi/openapi-document';

// The handler modules read configuration when loaded; nothing is contacted to build the documents.
Object.assign(process.env, {
  TASKS_TABLE: 'unused',
  IDEMPOTENCY_TABLE: 'unused',
  RATE_LIMIT_TABLE: 'unused',
  SIGNING_SECRET: 'unused-unused-unused-unused-unused-unused',
  ...process.env,
});

const root = join(__dirname, '..');

async function main(): Promise<void> {
  for (const version of ['v1', 'v2'] as const) {
    const document = await openApiDocument(version, (entry) => import(join(root, entry)));
    const file = join(root, 'docs', `openapi-${version}.json`);
    writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
    console.log(`wrote ${file}`);
  }
}

void main();
