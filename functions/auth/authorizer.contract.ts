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
  /**
   * The only identity worth running the authorizer for: the scheme `Bearer` (any case, RFC 9110) and a compact
   * JWS, three base64url parts of bounded length. API Gateway answers anything else 401 without invoking the
   * function (the TokenAuthorizer's identity validation expression, a Java regex matched against the whole
   * header); the local gateway does the same, and the function reads the token from the group.
   */
  identityValidationExpression:
    '^[Bb][Ee][Aa][Rr][Ee][Rr] +([A-Za-z0-9_-]{1,512}\\.[A-Za-z0-9_-]{1,2048}\\.[A-Za-z0-9_-]{1,512})$',
  /** It verifies tokens with the token key set, and reads one attribute of the profile (revocation). */
  access: { tables: { tasks: { actions: ['GetItem'] } }, keySets: ['token'] } satisfies RouteAccess,
} as const;
