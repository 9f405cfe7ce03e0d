/**
 * Runs the bearer-token (TOKEN) Lambda authorizer the way API Gateway does: no Authorization header is a
 * 401 without calling it; otherwise its answer for that token is cached (`resultsCacheTtlSeconds`) and
 * its policy evaluated against each request's method ARN. Thrown `Unauthorized` → 401; a policy that
 * does not allow the method → ACCESS_DENIED; any other failure or a malformed answer → 5xx.
 */
import { randomUUID } from 'node:crypto';
import type { GatewayResponseType } from '../config/gateway-responses';
import { AuthorizerCache } from './authorizer-cache';
import { parsePolicy, policyAllows, type PolicyStatement } from './iam-policy';
import type { LambdaHandler } from './handler-modules';
import { lambdaContext } from './proxy-event';

/** What the function receives in `requestContext.authorizer`. */
export type AuthorizerContext = Record<string, string | number | boolean>;

export type AuthorizerVerdict =
  | { readonly allowed: true; readonly context: AuthorizerContext }
  | { readonly allowed: false; readonly response: GatewayResponseType; readonly reason: string };

interface AuthorizerAnswer {
  readonly statements: readonly PolicyStatement[];
  readonly context: AuthorizerContext;
}

export interface LocalAuthorizerOptions {
  readonly loadHandler: () => Promise<LambdaHandler>;
  readonly functionName: string;
  readonly ttlSeconds: number;
  readonly now: () => number;
}

class AuthorizerError extends Error {
  constructor(
    readonly response: GatewayResponseType,
    reason: string,
  ) {
    super(reason);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The authorizer's answer, checked like API Gateway checks it; REST APIs hand context values on as strings. */
function parseAnswer(result: unknown, integrationLatency: number): AuthorizerAnswer {
  if (!isRecord(result) || typeof result.principalId !== 'string') {
    throw new AuthorizerError('DEFAULT_5XX', 'authorizer answer without principalId');
  }
  const statements = parsePolicy(result.policyDocument);
  if (!statements)
    throw new AuthorizerError('DEFAULT_5XX', 'authorizer answer without a valid policyDocument');
  const context = new Map<string, string | number | boolean>([
    ['principalId', result.principalId],
    ['integrationLatency', integrationLatency],
  ]);
  if (result.context !== undefined && result.context !== null) {
    if (!isRecord(result.context))
      throw new AuthorizerError('DEFAULT_5XX', 'authorizer context is not an object');
    for (const [key, value] of Object.entries(result.context)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw new AuthorizerError(
          'DEFAULT_5XX',
          `authorizer context value ${key} is not a string, number or boolean`,
        );
      }
      context.set(key, String(value));
    }
  }
  return { statements, context: Object.fromEntries(context) };
}

export class LocalAuthorizer {
  private readonly cache: AuthorizerCache<AuthorizerAnswer>;
  /** Concurrent first requests with one token share one authorizer call. */
  private readonly inFlight = new Map<string, Promise<AuthorizerAnswer>>();

  constructor(private readonly options: LocalAuthorizerOptions) {
    this.cache = new AuthorizerCache(options.ttlSeconds, options.now);
  }

  /** Decides a request to `methodArn` carrying `token` (the Authorization header's value, if any). */
  async authorize(token: string | undefined, methodArn: string): Promise<AuthorizerVerdict> {
    if (token === undefined || token.trim() === '')
      return { allowed: false, response: 'UNAUTHORIZED', reason: 'no Authorization header' };
    try {
      const answer = this.cache.get(token) ?? (await this.call(token, methodArn));
      if (!policyAllows(answer.statements, methodArn))
        return { allowed: false, response: 'ACCESS_DENIED', reason: 'policy does not allow the method' };
      return { allowed: true, context: answer.context };
    } catch (error) {
      if (error instanceof AuthorizerError)
        return { allowed: false, response: error.response, reason: error.message };
      throw error;
    }
  }

  private call(token: string, methodArn: string): Promise<AuthorizerAnswer> {
    let pending = this.inFlight.get(token);
    if (!pending) {
      pending = this.invoke(token, methodArn).finally(() => this.inFlight.delete(token));
      this.inFlight.set(token, pending);
    }
    return pending;
  }

  private async invoke(token: string, methodArn: string): Promise<AuthorizerAnswer> {
    const handler = await this.options.loadHandler();
    const started = performance.now();
    let result: unknown;
    try {
      result = await handler(
        { type: 'TOKEN', authorizationToken: token, methodArn },
        lambdaContext(this.options.functionName, randomUUID()),
      );
    } catch (error) {
      // API Gateway's contract: exactly "Unauthorized" means 401; anything else is an authorizer failure.
      if (error instanceof Error && error.message === 'Unauthorized')
        throw new AuthorizerError('UNAUTHORIZED', 'authorizer said Unauthorized');
      throw new AuthorizerError(
        'DEFAULT_5XX',
        `authorizer failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const answer = parseAnswer(result, Math.round(performance.now() - started));
    this.cache.set(token, answer);
    return answer;
  }
}
