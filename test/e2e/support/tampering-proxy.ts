/**
 * A broken API made from a working one: an HTTP proxy in front of the local gateway that forwards every
 * request and lets a test spoil chosen answers (drop a header, change a status) before they reach the
 * client. It records every exchange, so a test can also check what the client did after the breakage.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  readonly method: string;
  /** Path and query string, as the client sent them. */
  readonly path: string;
  /** The status the client received. */
  readonly status: number;
}

/** Mutates the answer to one request: its headers (lower-case names) and status. */
export type Tamper = (
  request: { method: string; path: string },
  answer: { status: number; headers: Headers },
) => void;

export interface TamperingProxy {
  readonly url: string;
  readonly exchanges: readonly Exchange[];
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Hop-by-hop and length headers: the proxy sets its own. */
const NOT_FORWARDED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export async function startTamperingProxy(target: string, tamper: Tamper): Promise<TamperingProxy> {
  const exchanges: Exchange[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const method = request.method ?? 'GET';
      const path = request.url ?? '/';
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers))
        if (!NOT_FORWARDED.has(name) && typeof value === 'string') headers.set(name, value);
      const body = await bodyOf(request);
      const upstream = await fetch(`${target}${path}`, {
        method,
        headers,
        body: body.length > 0 ? body : undefined,
      });
      const payload = Buffer.from(await upstream.arrayBuffer());
      const answer = { status: upstream.status, headers: new Headers(upstream.headers) };
      tamper({ method, path }, answer);
      for (const name of NOT_FORWARDED) answer.headers.delete(name);
      exchanges.push({ method, path, status: answer.status });
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(payload);
    })().catch((error: unknown) => {
      response.writeHead(599).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
