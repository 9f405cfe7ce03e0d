/**
 * Renders the client's TypeScript types from the API's OpenAPI documents with openapi-typescript. The CLI
 * (generate-types.ts, `npm run openapi`) writes them; a test renders them again and fails when the committed
 * files are stale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';

/** The API versions the client speaks, each with the document it is typed from. */
export const TYPED_VERSIONS = ['v1', 'v2'] as const;
export type TypedVersion = (typeof TYPED_VERSIONS)[number];

/** Where the served document of a version is committed, from the repository root. */
export const documentPath = (root: string, version: TypedVersion): string =>
  join(root, 'docs', `openapi-${version}.json`);

/** Where the client keeps the types generated from that document, from the repository root. */
export const typesPath = (root: string, version: TypedVersion): string =>
  join(root, 'client', 'src', 'generated', `openapi-${version}.ts`);

/** The generated module for one version: openapi-typescript's `paths`, `operations` and `components`. */
export async function renderTypes(root: string, version: TypedVersion): Promise<string> {
  const document = JSON.parse(readFileSync(documentPath(root, version), 'utf8')) as OpenAPI3;
  const ast = await openapiTS(document, { alphabetize: false });
  return `${COMMENT_HEADER}// Source: docs/openapi-${version}.json. Regenerate with \`npm run openapi\`.\n\n${astToString(ast)}`;
}
