/**
 * A TCP proxy in front of the local gateway that can lose an answer: armed, it forwards the next request
 * as usual but, when the server's answer starts to arrive, closes the client's connection instead of
 * relaying it (or, stalling, keeps it open and relays nothing). The server has done the work; the client sees a dropped connection. This is the failure
 * idempotency keys exist for, produced for real (no mock of fetch or of the server).
 */
import { connect, createServer, type Socket } from 'node:net';

export interface DroppingProxy {
  /** `http://127.0.0.1:<port>`: use it where the gateway's origin would go. */
  readonly url: string;
  /** Drops the answer to the next request that gets one. */
  dropNextAnswer(): void;
  /** Holds back the answer to the next request that gets one, leaving its connection open and silent. */
  stallNextAnswer(): void;
  /** Answers dropped so far. */
  readonly dropped: number;
  close(): Promise<void>;
}

export async function startDroppingProxy(target: string): Promise<DroppingProxy> {
  const { hostname, port } = new URL(target);
  let armed: 'drop' | 'stall' | undefined;
  let dropped = 0;
  const stalled = new Set<Socket>();
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (armed === 'stall' || stalled.has(upstream)) {
        armed = undefined;
        stalled.add(upstream);
        return;
      }
      if (armed === 'drop') {
        armed = undefined;
        dropped += 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    upstream.once('end', () => client.end());
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy is not on a TCP port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    dropNextAnswer: () => void (armed = 'drop'),
    stallNextAnswer: () => void (armed = 'stall'),
    get dropped() {
      return dropped;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
