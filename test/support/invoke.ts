import { randomUUID } from 'node:crypto';

import { clock } from '../../functions/shared/config/clock';
import {
  buildProxyEvent,
  lambdaContext,
  type ProxyHandler,
  type ProxyRequest,
} from '../../lib/local/proxy-event';

export interface InvokeOptions {
  stage?: 'v1' | 'v2';
  method: string;
  resource: string;
  path: string;
  pathParameters?: Record<string, string>;
  headers?: Record<string, string>;
  query?: [string, string][];
  /** A value to send as JSON (with Content-Type: application/json unless headers say otherwise), or a raw string. */
  body?: unknown;
  userId?: string;
  /** The token's issue instant (ms) the authorizer passes on; by default a second ago. */
  tokenIssuedAt?: number;
  sourceIp?: string;
}

export interface InvokeResult {
  status: number;
  headers: Record<string, string>;
  rawBody: string;
  /** The body parsed as JSON ('' bodies give undefined). */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

/** Calls a handler in-process with the exact event shape API Gateway sends. */
export async function invoke(handler: ProxyHandler, options: InvokeOptions): Promise<InvokeResult> {
  const headers: [string, string][] = Object.entries(options.headers ?? {});
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    if (!headers.some(([name]) => name.toLowerCase() === 'content-type'))
      headers.push(['Content-Type', 'application/json']);
  }
  const request: ProxyRequest = {
    stage: options.stage ?? 'v2',
    method: options.method,
    resource: options.resource,
    path: options.path,
    pathParameters: options.pathParameters,
    headers,
    query: options.query,
    body,
    sourceIp: options.sourceIp,
    authorizer: options.userId
      ? {
          principalId: options.userId,
          userId: options.userId,
          expiresAt: String(Math.floor(clock.now() / 1000) + 3600),
          issuedAt: String(options.tokenIssuedAt ?? clock.now() - 1000),
        }
      : undefined,
  };
  const event = buildProxyEvent(request);
  const result = await handler(event, lambdaContext('test', randomUUID()) as never);
  const resultHeaders = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]),
  );
  return {
    status: result.statusCode,
    headers: resultHeaders,
    rawBody: result.body,
    body: result.body ? JSON.parse(result.body) : undefined,
  };
}

/** A fresh user id: each test owns its own partition, so tests never see each other's tasks. */
export const newUserId = (): string => `test-${randomUUID()}`;

export type { ProxyHandler };
