import type { RouteContract } from '../shared/http/route-contract';

/**
 * `GET /openapi.json`: the stage's OpenAPI 3.1 document. Public like /health: the contract is no secret,
 * and tools fetch it keyless.
 */
export const openApiContract = {
  id: 'OpenApi',
  method: 'GET',
  path: '/openapi.json',
  entry: 'functions/docs/openapi.ts',
  summary: "Get this version's OpenAPI document",
  description:
    "This stage's OpenAPI 3.1 document, generated from the route contracts: every operation, parameter, answer, header and problem type. No key needed.",
  tag: 'Meta',
  auth: 'none',
  apiKey: false,
  cache: 'no-store',
  responses: [{ status: 200, description: "This version's OpenAPI 3.1 document", body: 'OpenApiDocument' }],
  access: {},
} as const satisfies RouteContract;
