import type { RouteAccess } from '../shared/http/route-contract';

/**
 * The bearer-token (TOKEN) Lambda authorizer: not a route, but deployed and run locally from this one
 * definition, like the routes' contracts.
 */
export const authorizerContract = {
  id: 'Authorizer',
  entry: 'functions/auth/authorizer.ts',
  /** API Gateway caches the authorizer's policy per token for this long. */
  resultsCacheTtlSeconds: 300,
  identityHeader: 'Authorization',
  /** It verifies tokens with the token key set, and reads one attribute of the profile (revocation). */
  access: { tables: { tasks: 'read' }, keySets: ['token'] } satisfies RouteAccess,
} as const;
