import type { RouteContract } from '../shared/http/route-contract';

/** `GET /health`: liveness, no key, no token, no database round trip. */
export const healthContract = {
  id: 'Health',
  method: 'GET',
  path: '/health',
  entry: 'functions/health/get.ts',
  summary: 'Check that the API is up',
  description:
    'Liveness: answers without a key or token and touches no database, so it says the functions are reachable, not that DynamoDB is. `version` names the stage that answered.',
  tag: 'Meta',
  auth: 'none',
  apiKey: false,
  cache: 'no-store',
  responses: [{ status: 200, description: 'The API is up', body: 'Health' }],
  access: {},
} as const satisfies RouteContract;
