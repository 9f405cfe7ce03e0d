/**
 * What the client throws. Every error is a `TaskApiError`; the server's RFC 9457 answers are
 * `ProblemError`s (with every problem field, the HTTP status and the request id to quote), and requests
 * that got no answer at all are `ConnectionError`s. A call aborted through its own `signal` rejects with
 * the signal's reason, untouched.
 */
import type { Problem } from './api-types.ts';

/** The base of every error the client throws. */
export class TaskApiError extends Error {
  override name = 'TaskApiError';
}

const PROBLEM_TYPE_PREFIX = 'https://task-api.dev/problems/';

/** An error answer of the API (4xx/5xx), carrying its problem+json fields. */
export class ProblemError extends TaskApiError {
  override name = 'ProblemError';
  /** The HTTP status (equal to `problem.status` for every answer the API makes). */
  readonly status: number;
  /** The problem type URI, e.g. `https://task-api.dev/problems/precondition-failed`. */
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly instance: string | undefined;
  /** Per-field validation messages (422). */
  readonly errors: NonNullable<Problem['errors']>;
  /** The request id to quote in a support request or search the logs for. */
  readonly requestId: string | undefined;
  /** `Retry-After`, in milliseconds, when the answer carried one. */
  readonly retryAfterMs: number | undefined;
  /** The whole problem body as received (extension members included). */
  readonly problem: Problem;
  /** The response headers. */
  readonly headers: Headers;

  constructor(problem: Problem, headers: Headers, retryAfterMs?: number) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.problem = problem;
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.instance = problem.instance;
    this.errors = problem.errors ?? [];
    this.headers = headers;
    this.requestId = problem.request_id ?? requestIdOf(headers);
    this.retryAfterMs = retryAfterMs;
  }

  /** The last segment of a Task API problem type (`not-found`, `validation-error`, ...), else the type. */
  get code(): string {
    return this.type.startsWith(PROBLEM_TYPE_PREFIX)
      ? this.type.slice(PROBLEM_TYPE_PREFIX.length)
      : this.type;
  }
}

/** No answer: the connection failed, was dropped, or the attempt timed out (after any retries). */
export class ConnectionError extends TaskApiError {
  override name = 'ConnectionError';
  /** True when the attempt hit the client's `timeoutMs`. */
  readonly timedOut: boolean;

  constructor(message: string, options: { cause: unknown; timedOut: boolean }) {
    super(message, { cause: options.cause });
    this.timedOut = options.timedOut;
  }
}

/** The request id of a response: the function's `X-Request-Id`, else API Gateway's own. */
export function requestIdOf(headers: Headers): string | undefined {
  return headers.get('x-request-id') ?? headers.get('x-amzn-requestid') ?? undefined;
}

const isProblem = (value: unknown, status: number): value is Problem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Problem).type === 'string' &&
  typeof (value as Problem).title === 'string' &&
  (value as Problem).status === status;

/**
 * The problem an error response carries. A body that is not a problem of this status (a proxy's HTML
 * page, say) becomes an `about:blank` problem with the status text, so callers handle one shape.
 */
export function problemOf(status: number, statusText: string, body: string): Problem {
  try {
    const parsed: unknown = JSON.parse(body);
    if (isProblem(parsed, status)) return { ...parsed, detail: parsed.detail ?? '' };
  } catch {
    // not JSON: described below
  }
  const title = statusText || `HTTP ${status}`;
  return { type: 'about:blank', title, status, detail: body.slice(0, 200) || title };
}
