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
  /** It verifies tokens in memory: the signing secret, and no table. */
  access: { signingSecret: true },
} as const;
