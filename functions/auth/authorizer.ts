import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { verifyAccessToken } from '../shared/auth/access-tokens';
import { authorizerHandler } from '../shared/http/authorizer-handler';
import { authorizerContract } from './authorizer.contract';

/**
 * The gateway's bearer-token authorizer (TOKEN type). Verifies the JWT in memory (no database read) and
 * returns an Allow policy for the whole API, because the gateway caches the answer per token for every
 * route. The user id and the token's expiry travel to the functions in the authorizer context; the
 * functions re-check the expiry, so a cached policy never outlives its token.
 *
 * Any failure throws exactly `Unauthorized`: API Gateway's signal for a 401 (UNAUTHORIZED response), with
 * what went wrong as its `cause` (the wrapper logs and counts it).
 */
async function authorize(event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  // The auth scheme name is case-insensitive (RFC 9110 §11.1).
  const match = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i.exec(
    event.authorizationToken ?? '',
  );
  if (!match?.[1]) throw new Error('Unauthorized');
  const claims = await verifyAccessToken(match[1]).catch((error: unknown) => {
    throw new Error('Unauthorized', { cause: error });
  });
  return {
    principalId: claims.userId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: apiWideArn(event.methodArn) }],
    },
    context: { userId: claims.userId, expiresAt: claims.expiresAt },
  };
}

export const handler = authorizerHandler(authorizerContract, authorize);

/** `arn:…:execute-api:region:account:apiId/stage/METHOD/path` → `arn:…:apiId/*` (every stage, method, path). */
function apiWideArn(methodArn: string): string {
  const [apiArn] = methodArn.split('/');
  return `${apiArn}/*`;
}
