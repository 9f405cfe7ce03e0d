import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { buildProxyEvent, lambdaContext, type ProxyHandler } from '../lib/local/proxy-event';

/** A request to one handler, as a client would send it through the gateway. */
export interface BenchRequest {
  stage?: 'v1' | 'v2';
  method: string;
  resource: string;
  path: string;
  pathParameters?: Record<string, string>;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON with `Content-Type: application/json`. */
  body?: unknown;
  /** The authenticated user: fills the authorizer context the way the gateway does. */
  userId?: string;
  /** The client's address (`requestContext.identity.sourceIp`); the per-IP auth limits key on it. */
  sourceIp?: string;
}

/**
 * Builds the exact API Gateway event and Lambda context (not timed) and returns the handler call (the
 * part to time). Each call needs its own event: middleware writes into the context.
 */
export function prepareCall(
  handler: ProxyHandler,
  request: BenchRequest,
): () => Promise<APIGatewayProxyResult> {
  const headers = Object.entries(request.headers ?? {});
  if (request.body !== undefined) headers.push(['Content-Type', 'application/json']);
  const query = Object.entries(request.query ?? {}).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, String(value)] as [string, string]],
  );
  const event = buildProxyEvent({
    stage: request.stage ?? 'v2',
    method: request.method,
    resource: request.resource,
    path: request.path,
    pathParameters: request.pathParameters,
    headers,
    query,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    ...(request.sourceIp ? { sourceIp: request.sourceIp } : {}),
    authorizer: request.userId
      ? {
          principalId: request.userId,
          // API Gateway adds the authorizer's latency to the context it passes (the local gateway does too).
          integrationLatency: 0,
          userId: request.userId,
          expiresAt: String(Math.floor(Date.now() / 1000) + 3600),
        }
      : undefined,
  });
  const context = lambdaContext('bench', randomUUID()) as never;
  return () => handler(event, context);
}

/** Calls a handler and fails loudly when the status is not the expected one (a benchmark of errors is worthless). */
export async function call(
  handler: ProxyHandler,
  request: BenchRequest,
  expected: number,
): Promise<APIGatewayProxyResult> {
  return expectStatus(await prepareCall(handler, request)(), expected);
}

export function expectStatus(result: APIGatewayProxyResult, expected: number): APIGatewayProxyResult {
  if (result.statusCode !== expected)
    throw new Error(`expected ${expected}, got ${result.statusCode}: ${result.body}`);
  return result;
}

/** The parsed JSON body of a result. */
export const bodyOf = <T>(result: APIGatewayProxyResult): T => JSON.parse(result.body) as T;

export type { ProxyHandler };
