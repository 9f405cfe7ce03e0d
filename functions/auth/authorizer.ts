import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { verifyAccessToken } from '../shared/auth/access-tokens';
import { keySet } from '../shared/auth/key-source';
import { tokenRevoked } from '../shared/data/token-revocations';
import { authorizerHandler } from '../shared/http/authorizer-handler';
import { authorizerContract } from './authorizer.contract';

/** `Bearer <JWS>`, the gateway's identity validation expression: the token is its one group. */
const BEARER_TOKEN = new RegExp(authorizerContract.identityValidationExpression);

/**
 * The gateway's bearer-token authorizer (TOKEN type). Verifies the JWT in memory, then makes one read: has
 * logout revoked it? API Gateway caches the answer per token (`resultsCacheTtlSeconds`), so that read happens
 * once per cache miss, never per request, and a revoked token is refused within the cache's lifetime. The
 * policy allows the whole API, because the cached answer serves every route. The user id, the token's expiry
 * and issue instant travel to the functions in the authorizer context; the functions re-check the expiry
 * (and, where they read the profile anyway, the revocation), so a cached policy never outlives its token.
 *
 * Nothing here loads the AWS SDK or zod: jose, the key set (through the Secrets extension) and a
 * SigV4-signed `fetch` keep its cold start near a jose-only bundle's.
 *
 * A bad or revoked token throws exactly `Unauthorized`: API Gateway's signal for a 401, with the reason as
 * its `cause` (the wrapper logs and counts it). A failure to read the key set or DynamoDB throws anything
 * else: a 5xx, never an Allow.
 */
async function authorize(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  // The gateway only invokes this for a header that matches; checked again for any other caller.
  const match = BEARER_TOKEN.exec(event.authorizationToken ?? '');
  if (!match?.[1]) throw new Error('Unauthorized');
  await keySet('token'); // outside the catch below: a key set that cannot be read is a 5xx, not a 401
  const claims = await verifyAccessToken(match[1]).catch((error: unknown) => {
    throw new Error('Unauthorized', { cause: error });
  });
  if (await tokenRevoked(claims.userId, claims.issuedAtMs))
    throw new Error('Unauthorized', { cause: 'revoked' });
  return {
    principalId: claims.userId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: apiWideArn(event.methodArn) }],
    },
    context: { userId: claims.userId, expiresAt: claims.expiresAt, issuedAt: claims.issuedAtMs },
  };
}

export const handler = authorizerHandler(authorizerContract, authorize);

/** `arn:…:execute-api:region:account:apiId/stage/METHOD/path` → `arn:…:apiId/*` (every stage, method, path). */
function apiWideArn(methodArn: string): string {
  const [apiArn] = methodArn.split('/');
  return `${apiArn}/*`;
}
