/**
 * The local API Gateway: a node:http server that serves the stages `/v1` and `/v2` from the route table,
 * the way the deployed REST API does, in API Gateway's order:
 *   route → Lambda authorizer → API key → usage plan (throttle, quota) → 405 → payload size → function.
 * Every answer it makes itself is the deployed gateway response (problem+json), and every response carries
 * `x-amzn-RequestId`. A bad request never takes the process down.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { renderGatewayResponse, type GatewayResponseType } from '../config/gateway-responses';
import { mockAcceptsContentType, renderMethodNotAllowed } from '../config/method-not-allowed';
import { authorizer as authorizerDefinition } from '../config/routes';
import {
  localApiKeys,
  stageThrottle as defaultStageThrottle,
  usagePlans,
  type Throttle,
  type UsagePlanDefinition,
} from '../config/usage-plans';
import { handlerLoader, REPOSITORY_ROOT } from './handler-modules';
import {
  gatewayAnswer,
  headerPairs,
  headerValue,
  MAX_PAYLOAD_BYTES,
  proxyResultAnswer,
  queryPairs,
  readBody,
  writeAnswer,
  type HttpAnswer,
} from './http-io';
import { LocalAuthorizer } from './lambda-authorizer';
import { buildProxyEvent, lambdaContext } from './proxy-event';
import { createRouter } from './router';
import { UsagePlanLimiter } from './usage-plan-limiter';

export interface GatewayOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  host?: string;
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
  /** Where route `entry` paths are resolved; the repository root by default. */
  root?: string;
  maxPayloadBytes?: number;
  /** One line per request (`npm start` prints them); silent by default. */
  log?: (line: string) => void;
}

export interface RunningGateway {
  /** `http://host:port`, without a stage. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, ends idle ones, and resolves once the server is closed. */
  close(): Promise<void>;
}

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

export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const clock = options.clock ?? Date.now;
  const apiKeys = options.apiKeys ?? localApiKeys();
  const log = options.log ?? (() => undefined);
  const maxPayloadBytes = options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
  const router = createRouter();
  const loadHandler = handlerLoader(options.root ?? REPOSITORY_ROOT);
  const limiter = new UsagePlanLimiter({
    plans: options.plans ?? usagePlans,
    apiKeys,
    stageThrottle: options.stageThrottle ?? defaultStageThrottle,
    now: clock,
  });
  const authorizer = new LocalAuthorizer({
    loadHandler: () => loadHandler(authorizerDefinition.entry),
    functionName: authorizerDefinition.id,
    ttlSeconds: authorizerDefinition.resultsCacheTtlSeconds,
    now: clock,
  });

  /** Everything between the socket and the function; returns what to answer. */
  async function answer(request: IncomingMessage, requestId: string): Promise<HttpAnswer> {
    const fail = (type: GatewayResponseType) => gatewayAnswer(renderGatewayResponse(type, requestId));
    const { body, tooLarge } = await readBody(request, maxPayloadBytes);
    const method = request.method ?? 'GET';
    const target = splitTarget(request.url ?? '/');
    if (!target) return fail('MISSING_AUTHENTICATION_TOKEN');
    const resolution = router.resolve(method, target.path);
    if (resolution.kind === 'not-found') return fail('MISSING_AUTHENTICATION_TOKEN');

    const headers = headerPairs(request.rawHeaders);
    // API Gateway runs a method's Lambda authorizer before the API key and usage-plan checks (an authorizer
    // may even supply the key), so a request without token or key is a 401 there, and here.
    let authorizerContext: Record<string, string | number | boolean> | undefined;
    if (resolution.kind === 'route' && resolution.route.auth === 'jwt') {
      const methodArn = `${ACCOUNT_ARN}/${resolution.stage}/${method}${resolution.path}`;
      const verdict = await authorizer.authorize(
        headerValue(headers, authorizerDefinition.identityHeader),
        methodArn,
      );
      if (!verdict.allowed) {
        if (verdict.response === 'DEFAULT_5XX') log(`${requestId} authorizer error: ${verdict.reason}`);
        return fail(verdict.response);
      }
      authorizerContext = verdict.context;
    }

    // The 405 catch-all (ANY) method requires a key too, so the key check comes first for it as well.
    const keyRequired = resolution.kind === 'method-not-allowed' || resolution.route.apiKeyRequired;
    const apiKey = keyRequired ? headerValue(headers, 'x-api-key') : undefined;
    if (keyRequired && (apiKey === undefined || !apiKeys.has(apiKey))) return fail('INVALID_API_KEY');

    const resource = resolution.kind === 'route' ? resolution.route.path : resolution.resource;
    const usage = limiter.admit({ stage: resolution.stage, apiKey, resource, method });
    if (usage !== 'ALLOWED') return fail(usage);
    if (resolution.kind === 'method-not-allowed') {
      if (!mockAcceptsContentType(headerValue(headers, 'content-type'))) return fail('DEFAULT_4XX');
      return gatewayAnswer(renderMethodNotAllowed(resolution.allow, requestId));
    }

    const { route, stage, path, pathParameters } = resolution;
    if (tooLarge) return fail('REQUEST_TOO_LARGE');

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
      apiKey,
      apiKeyId: apiKey === undefined ? undefined : apiKeyId(apiKey),
      authorizer: authorizerContext,
      requestId,
      now: new Date(clock()),
    });
    const handler = await loadHandler(route.entry);
    const result = await handler(event, lambdaContext(route.id, randomUUID()));
    const response = proxyResultAnswer(result);
    if (!response) {
      log(`${requestId} ${route.id} returned a malformed proxy result`);
      return fail('DEFAULT_5XX');
    }
    return response;
  }

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const started = performance.now();
    let reply: HttpAnswer;
    try {
      reply = await answer(request, requestId);
    } catch (error) {
      log(`${requestId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      reply = gatewayAnswer(renderGatewayResponse('DEFAULT_5XX', requestId));
    }
    try {
      writeAnswer(response, reply, [['x-amzn-RequestId', requestId]]);
    } catch (error) {
      log(`${requestId} could not write the response: ${String(error)}`);
      response.destroy();
    }
    log(
      `${request.method ?? '?'} ${request.url ?? '?'} ${reply.statusCode} ${Math.round(performance.now() - started)}ms`,
    );
  }

  const server = createServer((request, response) => void serve(request, response));
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // Unparseable HTTP (or oversized headers): a 400 in the gateway's format, then hang up.
    if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy();
    const requestId = randomUUID();
    const rendered = renderGatewayResponse('DEFAULT_4XX', requestId);
    const headerLines = Object.entries({
      ...rendered.headers,
      'x-amzn-RequestId': requestId,
      'Content-Length': String(Buffer.byteLength(rendered.body)),
      Connection: 'close',
    })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${rendered.statusCode} Bad Request\r\n${headerLines}\r\n${rendered.body}`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The gateway is not listening on a TCP port');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Connections still busy get a moment to finish, then go.
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      })),
  };
}
