/**
 * The local API Gateway: a node:http server that serves the stages `/v1` and `/v2` from the route
 * contracts, the way the deployed REST API does (the request pipeline), answers unparseable HTTP like
 * the gateway does, and adds `x-amzn-RequestId` to every response. A bad request never takes the process
 * down.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { renderGatewayResponse } from '../config/gateway-responses';
import { gatewayAnswer, writeAnswer, type HttpAnswer } from './http-io';
import type { GatewayAccessEntry } from './log-view';
import { createRequestPipeline, type PipelineOptions, type RequestPipeline } from './request-pipeline';

export interface GatewayOptions extends PipelineOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  host?: string;
  /** Diagnostics (a request that failed in the gateway itself); silent by default. */
  log?: (line: string) => void;
  /** One entry per request once answered, as API Gateway's stage access log has it (`npm start` shows them). */
  accessLog?: (entry: GatewayAccessEntry) => void;
}

export interface RunningGateway {
  /** `http://host:port`, without a stage. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, ends idle ones, and resolves once the server is closed. */
  close(): Promise<void>;
}

/** Serves one request through the pipeline; an unexpected failure is the gateway's own 5XX. */
function serveWith(
  pipeline: RequestPipeline,
  log: (line: string) => void,
  accessLog: (entry: GatewayAccessEntry) => void,
) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const requestTime = new Date().toISOString();
    const started = performance.now();
    let reply: HttpAnswer;
    try {
      reply = await pipeline(request, requestId);
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
    accessLog({
      requestId,
      requestTime,
      httpMethod: request.method ?? '?',
      path: request.url ?? '?',
      status: reply.statusCode,
      responseLatency: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}

/** Unparseable HTTP (or oversized headers): a 400 in the gateway's format, then hang up. */
function answerMalformedHttp(error: NodeJS.ErrnoException, socket: Socket): void {
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
}

function listen(server: Server, port: number, host: string): Promise<{ url: string; port: number }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (!address || typeof address === 'string')
        return reject(new Error('The gateway is not listening on a TCP port'));
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({ url: `http://${shownHost}:${address.port}`, port: address.port });
    });
  });
}

export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const log = options.log ?? (() => undefined);
  const serve = serveWith(createRequestPipeline(options), log, options.accessLog ?? (() => undefined));
  const server = createServer((request, response) => void serve(request, response));
  server.on('clientError', answerMalformedHttp);
  const { url, port } = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Connections still busy get a moment to finish, then go.
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      })),
  };
}
