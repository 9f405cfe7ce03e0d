import * as z from 'zod/mini';
import { IfNoneMatchHeader } from '../shared/http/header-schemas';
import { REFERENCE_ASSET_NAMES, REFERENCE_ASSETS } from '../shared/http/reference-page';
import type { RouteContract } from '../shared/http/route-contract';

/**
 * `GET /docs/{asset}`: a script or style sheet of the reference page, read from its npm package, which the
 * stack ships beside the function's bundle. Any other name is a 404.
 */
export const referenceAssetContract = {
  id: 'ReferenceAsset',
  method: 'GET',
  path: '/docs/{asset}',
  entry: 'functions/docs/asset.ts',
  summary: 'Get a file of the reference page',
  description:
    "Swagger UI's script and style sheet, from the `swagger-ui-dist` npm package bundled with the function (no CDN). Shared caches may keep them for a day; revalidate with `If-None-Match`.",
  tag: 'Meta',
  auth: 'none',
  apiKey: false,
  cache: 'public',
  request: {
    path: z.object({
      asset: z.enum(REFERENCE_ASSET_NAMES, 'No such file').check(z.describe('The file name')),
    }),
    headers: z.object({ 'If-None-Match': IfNoneMatchHeader }),
  },
  responses: [
    {
      status: 200,
      description: 'The file',
      body: 'ReferenceAsset',
      mediaTypes: ['text/javascript', 'text/css'],
      headers: ['ETag'],
    },
    { status: 304, description: 'Not modified: If-None-Match names the current ETag', headers: ['ETag'] },
  ],
  access: {},
  runtimeFiles: Object.values(REFERENCE_ASSETS).map((asset) => `node_modules/${asset.package}/${asset.file}`),
} as const satisfies RouteContract;
