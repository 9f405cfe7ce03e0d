/**
 * `npm run generate -w @task-api/client` (also run by the root `npm run openapi`): rewrites
 * client/src/generated/openapi-v1.ts and -v2.ts from docs/openapi-v1.json and -v2.json.
 * With `--check` it writes nothing and exits 1 when a committed file differs from what it would write
 * (a test runs this: openapi-typescript is ESM-only, so it runs in its own Node process). `--root <dir>`
 * reads and writes under another repository root.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { renderTypes, TYPED_VERSIONS, typesPath } from './openapi-types.ts';

const { values } = parseArgs({ options: { check: { type: 'boolean' }, root: { type: 'string' } } });
const root = values.root ?? join(import.meta.dirname, '..', '..');
const check = values.check === true;

let stale = 0;
for (const version of TYPED_VERSIONS) {
  const file = typesPath(root, version);
  const rendered = await renderTypes(root, version);
  if (!check) {
    writeFileSync(file, rendered);
    console.log(`wrote ${relative(root, file)}`);
  } else if (readFileSync(file, 'utf8') !== rendered) {
    stale += 1;
    console.error(`${relative(root, file)} is stale: run \`npm run openapi\``);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
