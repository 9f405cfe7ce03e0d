/**
 * The node:http side of the local gateway: reading a request's body (capped), its raw header and query
 * pairs, and writing a gateway answer or a function's proxy result back to the socket.
 */
import {
  validateHeaderName,
  validateHeaderValue,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';

/** API Gateway's maximum request payload. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export interface ReadBody {
  readonly body: string;
  /** The body was over the limit: it was drained, not kept. */
  readonly tooLarge: boolean;
}

/** Reads the whole body as UTF-8 (no binary media types are configured), keeping at most `limit` bytes. */
export function readBody(request: IncomingMessage, limit: number = MAX_PAYLOAD_BYTES): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve({ body: size > limit ? '' : Buffer.concat(chunks).toString('utf8'), tooLarge: size > limit }),
    );
    request.on('error', reject);
  });
}

/** Header pairs as received: names keep their case, a repeated header appears once per line. */
export function headerPairs(rawHeaders: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2)
    pairs.push([rawHeaders[index] ?? '', rawHeaders[index + 1] ?? '']);
  return pairs;
}

/** Query pairs, percent-decoded (`+` is a space), in order; a repeated parameter appears once per occurrence. */
export function queryPairs(search: string): [string, string][] {
  return [...new URLSearchParams(search)];
}

/** The last value of a header, by case-insensitive name. */
export function headerValue(pairs: readonly [string, string][], name: string): string | undefined {
  const lower = name.toLowerCase();
  let value: string | undefined;
  for (const [key, candidate] of pairs) if (key.toLowerCase() === lower) value = candidate;
  return value;
}

/** What goes back on the wire: the status and header lines exactly as they will be written. */
export interface HttpAnswer {
  readonly statusCode: number;
  readonly headers: readonly [string, string][];
  readonly body: Buffer;
}

/** Headers the gateway owns on the connection; a function cannot set them. */
const HOP_BY_HOP = new Set(['connection', 'content-length', 'keep-alive', 'transfer-encoding', 'upgrade']);

/** A gateway-made answer (error or 405) as an HttpAnswer. */
export function gatewayAnswer(response: {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}): HttpAnswer {
  return {
    statusCode: response.statusCode,
    headers: Object.entries(response.headers),
    body: Buffer.from(response.body),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

function validHeader(name: string, value: string): boolean {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

/**
 * A Lambda proxy result as an HttpAnswer, or undefined when it is malformed (API Gateway answers those
 * with a 5xx). `headers` and `multiValueHeaders` merge; where both name a header, the multi-value list wins.
 */
export function proxyResultAnswer(result: unknown): HttpAnswer | undefined {
  if (!isRecord(result)) return undefined;
  const { statusCode, headers = {}, multiValueHeaders = {}, body = '', isBase64Encoded = false } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 200 || statusCode > 599)
    return undefined;
  if (!isRecord(headers) || !isRecord(multiValueHeaders) || typeof isBase64Encoded !== 'boolean')
    return undefined;
  if (body !== null && typeof body !== 'string') return undefined;
  const merged = new Map<string, [string, string][]>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    if (!isScalar(value)) return undefined;
    merged.set(name.toLowerCase(), [[name, String(value)]]);
  }
  for (const [name, values] of Object.entries(multiValueHeaders)) {
    if (values === undefined || values === null) continue;
    if (!Array.isArray(values) || !values.every(isScalar)) return undefined;
    merged.set(
      name.toLowerCase(),
      values.map((value) => [name, String(value)]),
    );
  }
  const lines = [...merged.values()].flat().filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase()));
  if (!lines.every(([name, value]) => validHeader(name, value))) return undefined;
  const text = body ?? '';
  return {
    statusCode,
    headers: lines,
    body: isBase64Encoded ? Buffer.from(text, 'base64') : Buffer.from(text),
  };
}

/** Writes an answer, plus headers the gateway adds to every response. Bodies of 204/304 are never sent. */
export function writeAnswer(
  response: ServerResponse,
  answer: HttpAnswer,
  extraHeaders: readonly [string, string][],
): void {
  const noBody = answer.statusCode === 204 || answer.statusCode === 304;
  const body = noBody ? Buffer.alloc(0) : answer.body;
  const lines: string[] = [];
  for (const [name, value] of [...answer.headers, ...extraHeaders]) lines.push(name, value);
  if (!noBody) lines.push('Content-Length', String(body.length));
  response.writeHead(answer.statusCode, lines);
  response.end(body);
}
