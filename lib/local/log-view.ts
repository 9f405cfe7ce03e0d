/**
 * How `npm start` shows what the functions write (their Powertools JSON lines and EMF metric documents,
 * exactly what CloudWatch Logs receives in AWS) and what the gateway answers itself:
 *
 * - `pretty` (default): one readable line per request (time, status, method, path, latency, route, request
 *   id, user, cold start; problem type and detail; on a 5xx the error and its stack below it), one line
 *   per other log line, and a short `metrics` line per EMF document;
 * - `json` (`npm start -- --json-logs`, or `LOG_FORMAT=json`): every line as it is, plus the gateway's
 *   own access log entries as JSON (API Gateway writes those to the stage's access log group).
 *
 * Anything that is not such a JSON document (the server's own messages) passes through unchanged.
 */
import { ACCESS_LOG_MESSAGE, REQUEST_ID_KEY } from '../../functions/shared/observability/service';

export type LogFormat = 'pretty' | 'json';

/** One request the gateway served, named as API Gateway's access log names the fields. */
export interface GatewayAccessEntry {
  requestId: string;
  requestTime: string;
  httpMethod: string;
  path: string;
  status: number;
  /** Milliseconds from the request's arrival to the response's last byte written. */
  responseLatency: number;
}

export type Stream = 'stdout' | 'stderr';

export interface LogView {
  /** Output of the functions (and of the server), in chunks as written to stdout or stderr. */
  functionOutput(chunk: string, stream: Stream): void;
  /** The gateway's access entry for a request, written after the function (if any) answered. */
  gatewayAccess(entry: GatewayAccessEntry): void;
}

type Json = Record<string, unknown>;

/** The keys a pretty line shows in its fixed columns, or that only matter in AWS. */
const SHOWN_OR_NOISE = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'cold_start',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'sampling_rate',
  'xray_trace_id',
  REQUEST_ID_KEY,
  'stage',
  'route',
  'user_id',
]);

const time = (iso: unknown): string =>
  typeof iso === 'string' && iso.length >= 23 ? iso.slice(11, 23) : new Date().toISOString().slice(11, 23);

function parse(line: string): Json | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** `key=value` pairs of the fields a pretty line does not show in a column. */
function extraFields(record: Json, skip: ReadonlySet<string>): string {
  return Object.entries(record)
    .filter(([key, value]) => !SHOWN_OR_NOISE.has(key) && !skip.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${text(value)}`)
    .join(' ');
}

const ACCESS_COLUMNS = new Set([
  'method',
  'resource',
  'path',
  'status',
  'latency_ms',
  'error_type',
  'error_detail',
  'error',
]);

function accessLine(record: Json): string[] {
  const status = text(record.status ?? '---');
  const parts = [
    time(record.timestamp),
    status.padEnd(3),
    `${text(record.method)} ${text(record.path)}`,
    `${text(record.latency_ms)} ms`,
    text(record.route ?? record.function_name),
    `req ${text(record[REQUEST_ID_KEY])}`,
  ];
  if (record.user_id !== undefined) parts.push(`user ${text(record.user_id)}`);
  if (record.cold_start === true) parts.push('cold start');
  if (record.error_type !== undefined)
    parts.push(`→ ${text(record.error_type)}${record.error_detail ? `: ${text(record.error_detail)}` : ''}`);
  const extra = extraFields(record, ACCESS_COLUMNS);
  const lines = [parts.join('  ') + (extra ? `  ${extra}` : '')];
  const error = record.error as { name?: unknown; message?: unknown; stack?: unknown } | undefined;
  if (error && typeof error === 'object') {
    const stack =
      typeof error.stack === 'string' ? error.stack : `${text(error.name)}: ${text(error.message)}`;
    lines.push(...stack.split('\n').map((line) => `      ${line}`));
  }
  return lines;
}

function otherLine(record: Json): string {
  const extra = extraFields(record, new Set());
  const route = text(record.route ?? record.function_name ?? record.service);
  return [time(record.timestamp), text(record.level).padEnd(5), route, text(record.message), extra]
    .filter((part) => part !== '')
    .join('  ');
}

interface EmfDocument {
  _aws: {
    Timestamp?: number;
    CloudWatchMetrics?: { Namespace?: string; Dimensions?: string[][]; Metrics?: { Name: string }[] }[];
  };
}

function metricsLine(record: Json & EmfDocument): string {
  const [directive] = record._aws.CloudWatchMetrics ?? [];
  const values = (directive?.Metrics ?? []).map(({ Name }) => `${Name}=${text(record[Name])}`).join(' ');
  const dimensions = (directive?.Dimensions?.[0] ?? [])
    .map((name) => `${name}=${text(record[name])}`)
    .join(', ');
  const at =
    typeof record._aws.Timestamp === 'number' ? new Date(record._aws.Timestamp).toISOString() : undefined;
  return `${time(at)}  metrics ${directive?.Namespace ?? ''}  ${values}  {${dimensions}}`;
}

function gatewayLine(entry: GatewayAccessEntry): string {
  return [
    entry.requestTime.slice(11, 23),
    String(entry.status).padEnd(3),
    `${entry.httpMethod} ${entry.path}`,
    `${entry.responseLatency} ms`,
    'gateway',
    `req ${entry.requestId}`,
  ].join('  ');
}

/** A log view writing its lines with `print`, each to the stream it came from. */
export function createLogView(format: LogFormat, print: (line: string, stream: Stream) => void): LogView {
  /** Requests a function logged an access line for: the gateway's entry would repeat it. */
  const answeredByFunction = new Set<string>();
  const partial: Record<Stream, string> = { stdout: '', stderr: '' };

  const show = (line: string, stream: Stream): void => {
    const record = parse(line);
    if (record && typeof record[REQUEST_ID_KEY] === 'string' && record.message === ACCESS_LOG_MESSAGE)
      answeredByFunction.add(record[REQUEST_ID_KEY]);
    const lines =
      format === 'json' || !record
        ? [line]
        : '_aws' in record
          ? [metricsLine(record as Json & EmfDocument)]
          : record.message === ACCESS_LOG_MESSAGE
            ? accessLine(record)
            : 'level' in record && 'message' in record
              ? [otherLine(record)]
              : [line];
    for (const each of lines) print(each, stream);
  };

  return {
    functionOutput(chunk, stream) {
      const lines = (partial[stream] + chunk).split('\n');
      partial[stream] = lines.pop() ?? '';
      for (const line of lines) show(line, stream);
    },
    gatewayAccess(entry) {
      const byFunction = answeredByFunction.delete(entry.requestId);
      if (format === 'json') print(JSON.stringify({ source: 'gateway', ...entry }), 'stdout');
      else if (!byFunction) print(gatewayLine(entry), 'stdout');
    },
  };
}
