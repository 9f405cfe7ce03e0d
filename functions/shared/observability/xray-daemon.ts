import type { Socket } from 'node:dgram';

/** What the X-Ray daemon's UDP protocol puts before each document. */
const HEADER = '{"format":"json","version":1}\n';
/** Lambda's daemon listens here (AWS_XRAY_DAEMON_ADDRESS); the SDKs' default elsewhere. */
const DEFAULT_ADDRESS = '127.0.0.1:2000';

let socket: Promise<Socket> | undefined;

/** `host:port`, or `tcp:host:port udp:host:port` (the UDP one is used): the variable's two forms. */
export function daemonAddress(value = process.env.AWS_XRAY_DAEMON_ADDRESS ?? DEFAULT_ADDRESS): {
  host: string;
  port: number;
} {
  const udp = value.split(/\s+/).find((part) => part.startsWith('udp:')) ?? value.split(/\s+/)[0] ?? '';
  const [host = '', port = ''] = udp.replace(/^udp:/, '').split(':');
  return host && Number(port) > 0 ? { host, port: Number(port) } : daemonAddress(DEFAULT_ADDRESS);
}

/**
 * Sends one trace document to the X-Ray daemon over UDP, as the X-Ray SDKs do, and resolves once the
 * datagram has left (before the handler returns and Lambda may freeze the process). Never rejects: a lost
 * trace must not fail a request. `node:dgram` loads on the first sampled request, not at cold start.
 */
export async function sendToDaemon(document: object): Promise<void> {
  try {
    socket ??= import('node:dgram').then(({ createSocket }) => {
      const created = createSocket('udp4');
      created.on('error', () => undefined);
      created.unref();
      return created;
    });
    const udp = await socket;
    const { host, port } = daemonAddress();
    await new Promise<void>((resolve) =>
      udp.send(HEADER + JSON.stringify(document), port, host, () => resolve()),
    );
  } catch {
    // Tracing is best effort.
  }
}
