import type { RouteContract } from '../shared/http/route-contract';

/** `GET /docs`: the stage's interactive reference page. Public like /openapi.json, which it renders. */
export const referencePageContract = {
  id: 'ReferencePage',
  method: 'GET',
  path: '/docs',
  entry: 'functions/docs/page.ts',
  summary: "Open this version's interactive reference",
  description:
    "An HTML page (Swagger UI) rendering this stage's OpenAPI document; its *Try it out* calls this stage. Its files come from `/docs/{asset}`, so it works offline. Below the operations it lists every problem type under the anchor of its kind (`/docs#validation-error`).",
  tag: 'Meta',
  auth: 'none',
  apiKey: false,
  cache: 'no-store',
  responses: [
    {
      status: 200,
      description: 'The reference page',
      body: 'ReferencePage',
      mediaTypes: ['text/html'],
      headers: ['Content-Security-Policy'],
    },
  ],
  access: {},
} as const satisfies RouteContract;
