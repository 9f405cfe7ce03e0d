/**
 * What the local API Gateway does between the socket and the function, in API Gateway's order:
 *   route → (CORS preflight) → Lambda authorizer → API key → usage plan (throttle, quota) → 405 → payload
 *   size → function.
 * Every answer it makes itself is the deployed gateway response (problem+json), with the CORS headers the
 * deployed one carries; a function runs with exactly the DynamoDB access its contract lists.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { authorizer as authorizerContract } from '../../functions/routes';
import {
  gatewayResponseCorsHeaders,
  headerFromSource,
  localCorsOrigins,
  mockCorsHeaders,
  preflightCorsHeaders,
  PREFLIGHT_STATUS,
  renderMockCorsHeaders,
  type CorsOrigins,
} from '../config/cors';
import { renderGatewayResponse, type GatewayResponseType } from '../config/gateway-responses';
import { mockAcceptsContentType, renderMethodNotAllowed } from '../config/method-not-allowed';
import {
  localApiKeys,
  stageThrottle,
  usagePlans,
  type Throttle,
  type UsagePlanDefinition,
} from '../config/usage-plans';
import { runWithAccess } from './dynamodb-access-guard';
import { handlerLoader, REPOSITORY_ROOT } from './handler-modules';
import {
  gatewayAnswer,
  headerPairs,
  headerValue,
  MAX_PAYLOAD_BYTES,
  proxyResultAnswer,
  queryPairs,
  readBody,
  type HttpAnswer,
} from './http-io';
import { LocalAuthorizer, type AuthorizerContext } from './lambda-authorizer';
import { buildProxyEvent, lambdaContext } from './proxy-event';
import { createRouter, type Resolution } from './router';
import { UsagePlanLimiter } from './usage-plan-limiter';

export interface PipelineOptions {
  /** Epoch ms for usage plans and the authorizer cache; injected so tests need no sleeps. */
  clock?: () => number;
  /** API key → usage plan name; default `localApiKeys()` ($API_KEY on basic, $PREMIUM_API_KEY on premium). */
  apiKeys?: ReadonlyMap<string, string>;
  /** Usage plans by name; default the deployed `usagePlans`. */
  plans?: Readonly<Record<string, UsagePlanDefinition>>;
  stageThrottle?: Throttle;
  /**
   * TEST ONLY, off by default: take `identity.sourceIp` from this request header when present (e2e tests
   * all come from 127.0.0.1 and would share the per-IP limits). Never set it for `npm start`: any client
   * could then pick its own IP.
   */
  sourceIpHeader?: string;
  /** Where contract `entry` paths are resolved; the repository root by default. */
  root?: string;
  maxPayloadBytes?: number;
  /** Origins allowed to call from a browser; default `localCorsOrigins()` (`CORS_ORIGINS`, else any). */
  cors?: CorsOrigins;
  /** Diagnostics (authorizer failures, malformed function results); silent by default. */
  log?: (line: string) => void;
}

/** Answers one request; `requestId` is the gateway's id for it. */
export type RequestPipeline = (request: IncomingMessage, requestId: string) => Promise<HttpAnswer>;

const ACCOUNT_ARN = 'arn:aws:execute-api:us-east-1:123456789012:local';

/** API Gateway's key ids are opaque; a short digest of the key stands in for one. */
const apiKeyId = (apiKey: string): string => createHash('sha256').update(apiKey).digest('hex').slice(0, 10);

/** The request target's raw path and query string (origin-form, or absolute-form from a proxy). */
function splitTarget(target: string): { path: string; search: string } | undefined {
  let value = target;
  if (!value.startsWith('/')) {
    try {
      const url = new URL(value);
      value = url.pathname + url.search;
    } catch {
      return undefined;
    }
  }
  const query = value.indexOf('?');
  return query < 0
    ? { path: value, search: '' }
    : { path: value.slice(0, query), search: value.slice(query + 1) };
}

const socketIp = (socket: Socket): string => (socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');

/** A request the router matched: a route, or a known resource called with another method. */
type Matched = Exclude<Resolution, { kind: 'not-found' } | { kind: 'preflight' }>;

export function createRequestPipeline(options: PipelineOptions = {}): RequestPipeline {
  const clock = options.clock ?? Date.now;
  const apiKeys = options.apiKeys ?? localApiKeys();
  const log = options.log ?? (() => undefined);
  const maxPayloadBytes = options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
  const cors = options.cors ?? localCorsOrigins();
  const gatewayCors = gatewayResponseCorsHeaders(cors);
  const mockCors = mockCorsHeaders(cors);
  const router = createRouter({ preflight: cors.kind !== 'off' });
  const loadHandler = handlerLoader(options.root ?? REPOSITORY_ROOT);
  const limiter = new UsagePlanLimiter({
    plans: options.plans ?? usagePlans,
    apiKeys,
    stageThrottle: options.stageThrottle ?? stageThrottle,
    now: clock,
  });
  const authorizer = new LocalAuthorizer({
    loadHandler: () => loadHandler(authorizerContract.entry),
    functionName: authorizerContract.id,
    ttlSeconds: authorizerContract.resultsCacheTtlSeconds,
    now: clock,
    identityValidation: new RegExp(authorizerContract.identityValidationExpression),
  });

  /**
   * API Gateway runs a method's Lambda authorizer before the API key and usage-plan checks (an authorizer
   * may even supply the key), so a request without token or key is a 401 there, and here.
   */
  async function authorize(
    resolution: Matched,
    method: string,
    headers: [string, string][],
    requestId: string,
  ): Promise<{ context?: AuthorizerContext } | { failure: GatewayResponseType }> {
    if (resolution.kind !== 'route' || resolution.route.auth !== 'jwt') return {};
    const methodArn = `${ACCOUNT_ARN}/${resolution.stage}/${method}${resolution.path}`;
    const verdict = await authorizer.authorize(
      headerValue(headers, authorizerContract.identityHeader),
      methodArn,
    );
    if (verdict.allowed) return { context: verdict.context };
    if (verdict.response === 'DEFAULT_5XX') log(`${requestId} authorizer error: ${verdict.reason}`);
    return { failure: verdict.response };
  }

  /** The API key check and the usage plan: the key (when the method requires one), or the answer. */
  function admit(
    resolution: Matched,
    method: string,
    headers: [string, string][],
  ): { apiKey?: string } | { failure: GatewayResponseType } {
    // The 405 catch-all (ANY) method requires a key too, so the key check comes first for it as well.
    const keyRequired = resolution.kind === 'method-not-allowed' || resolution.route.apiKey;
    const apiKey = keyRequired ? headerValue(headers, 'x-api-key') : undefined;
    if (keyRequired && (apiKey === undefined || !apiKeys.has(apiKey))) return { failure: 'INVALID_API_KEY' };
    const resource = resolution.kind === 'route' ? resolution.route.path : resolution.resource;
    const usage = limiter.admit({ stage: resolution.stage, apiKey, resource, method });
    return usage === 'ALLOWED' ? { apiKey } : { failure: usage };
  }

  return async function answer(request, requestId) {
    const headers = headerPairs(request.rawHeaders);
    const origin = headerValue(headers, 'origin');
    /** A gateway response, with the CORS headers the deployed one maps (static, or copied from the request). */
    const fail = (type: GatewayResponseType) => {
      const rendered = renderGatewayResponse(type, requestId);
      for (const [name, source] of Object.entries(gatewayCors)) {
        const value = headerFromSource(source, (header) => headerValue(headers, header));
        if (value !== undefined) rendered.headers[name] = value;
      }
      return gatewayAnswer(rendered);
    };
    const { body, tooLarge } = await readBody(request, maxPayloadBytes);
    const method = request.method ?? 'GET';
    const target = splitTarget(request.url ?? '/');
    if (!target) return fail('MISSING_AUTHENTICATION_TOKEN');
    const resolution = router.resolve(method, target.path);
    if (resolution.kind === 'not-found') return fail('MISSING_AUTHENTICATION_TOKEN');

    if (resolution.kind === 'preflight') {
      // The OPTIONS MOCK: no authorizer, no key; only the stage's throttle applies.
      const usage = limiter.admit({ stage: resolution.stage, resource: resolution.resource, method });
      if (usage !== 'ALLOWED') return fail(usage);
      const preflight = preflightCorsHeaders(cors, resolution.allow);
      return gatewayAnswer({
        statusCode: PREFLIGHT_STATUS,
        headers: renderMockCorsHeaders(preflight, origin),
        body: '',
      });
    }

    const authorized = await authorize(resolution, method, headers, requestId);
    if ('failure' in authorized) return fail(authorized.failure);
    const admitted = admit(resolution, method, headers);
    if ('failure' in admitted) return fail(admitted.failure);

    if (resolution.kind === 'method-not-allowed') {
      if (!mockAcceptsContentType(headerValue(headers, 'content-type'))) return fail('DEFAULT_4XX');
      const rendered = renderMethodNotAllowed(resolution.allow, requestId);
      return gatewayAnswer({
        ...rendered,
        headers: { ...rendered.headers, ...renderMockCorsHeaders(mockCors, origin) },
      });
    }
    if (tooLarge) return fail('REQUEST_TOO_LARGE');

    const { route, stage, path, pathParameters } = resolution;
    const testIp = options.sourceIpHeader ? headerValue(headers, options.sourceIpHeader) : undefined;
    const event = buildProxyEvent({
      stage,
      method,
      resource: route.path,
      path,
      pathParameters,
      headers,
      query: queryPairs(target.search),
      body,
      sourceIp: testIp ?? socketIp(request.socket),
      apiKey: admitted.apiKey,
      apiKeyId: admitted.apiKey === undefined ? undefined : apiKeyId(admitted.apiKey),
      authorizer: authorized.context,
      requestId,
      now: new Date(clock()),
    });
    let result: unknown;
    try {
      const handler = await loadHandler(route.entry);
      // Inside the guard, the function may make exactly the DynamoDB calls its contract lists, as under IAM.
      result = await runWithAccess(route.id, route.access, () =>
        handler(event, lambdaContext(route.id, randomUUID())),
      );
    } catch (error) {
      log(
        `${requestId} ${route.id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return fail('DEFAULT_5XX');
    }
    const response = proxyResultAnswer(result);
    if (!response) {
      log(`${requestId} ${route.id} returned a malformed proxy result`);
      return fail('DEFAULT_5XX');
    }
    return response;
  };
}
