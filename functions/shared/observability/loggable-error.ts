import { types } from 'node:util';

/**
 * Whether a value is an Error, also one made in another realm (Node's own network errors reach a test
 * sandbox or a VM context from outside it, where `instanceof Error` is false).
 */
export const isError = (value: unknown): value is Error =>
  value instanceof Error || types.isNativeError(value);

/**
 * What a log line may say about an error: its name, message, where it was thrown, the stack, and the
 * AWS SDK's classification. Never the error's other properties: an SDK error can carry data (a failed
 * condition returns the stored item, a cancelled transaction its items, a user's password hash among
 * them), so an Error is never serialized as it is.
 */
export interface LoggableError {
  name: string;
  message: string;
  /** `file:line` of the first stack frame (source-mapped in Lambda: NODE_OPTIONS=--enable-source-maps). */
  location?: string;
  stack?: string;
  /** Node's error code (`ECONNREFUSED`, `ERR_JWT_EXPIRED`, ...). */
  code?: string;
  /** AWS SDK: who failed (`client`/`server`), the HTTP status, AWS's request id, attempts made. */
  fault?: string;
  http_status?: number;
  aws_request_id?: string;
  attempts?: number;
  cause?: LoggableError | string;
}

interface SdkFields {
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; attempts?: unknown };
}

const FRAME = /\(([^()]*?):(\d+):\d+\)$|at ([^\s()]+):(\d+):\d+$/;

function locationOf(stack: string | undefined): string | undefined {
  for (const line of stack?.split('\n').slice(1) ?? []) {
    const match = FRAME.exec(line.trim());
    if (match) return `${match[1] ?? match[3]}:${match[2] ?? match[4]}`;
  }
  return undefined;
}

/** An error as a log line may show it (see {@link LoggableError}); causes follow, three deep at most. */
export function loggableError(error: Error, depth = 0): LoggableError {
  const sdk = error as Error & SdkFields;
  const meta = sdk.$metadata;
  const cause: unknown = error.cause;
  return {
    name: error.name,
    message: error.message,
    location: locationOf(error.stack),
    stack: error.stack,
    ...(typeof sdk.code === 'string' ? { code: sdk.code } : {}),
    ...(typeof sdk.$fault === 'string' ? { fault: sdk.$fault } : {}),
    ...(typeof meta?.httpStatusCode === 'number' ? { http_status: meta.httpStatusCode } : {}),
    ...(typeof meta?.requestId === 'string' ? { aws_request_id: meta.requestId } : {}),
    ...(typeof meta?.attempts === 'number' ? { attempts: meta.attempts } : {}),
    ...(isError(cause) && depth < 3 ? { cause: loggableError(cause, depth + 1) } : {}),
    ...(typeof cause === 'string' ? { cause } : {}),
  };
}
