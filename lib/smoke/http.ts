/**
 * The smoke test's HTTP client: global `fetch` with two bounds on every request, its own timeout and the
 * whole run's deadline, and failures worded for the person reading a CI log (what was asked, of whom,
 * and what came back or why nothing did).
 */

/** A check that did not hold; its message is the one line the smoke test prints for it. */
export class SmokeFailure extends Error {
  override readonly name = 'SmokeFailure';
}

export interface SmokeResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  readonly json: unknown;
}

export interface SmokeRequest {
  readonly token?: string;
  /** Sent as JSON, with `Content-Type: application/json` unless `headers` names another type. */
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SmokeClientOptions {
  /** The stage root, e.g. `https://abc.execute-api.eu-west-1.amazonaws.com/v2`. */
  readonly root: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
  /** Aborts every request of the run once the run's time is up. */
  readonly deadline: AbortSignal;
  readonly deadlineSeconds: number;
  /** Sent with every request (e.g. to tag smoke traffic). */
  readonly headers?: Readonly<Record<string, string>>;
}

const USER_AGENT = 'task-api-smoke/1';
/** How much of an unexpected body a failure message quotes. */
const QUOTED_BODY_CHARS = 300;

export class SmokeClient {
  readonly root: string;

  constructor(private readonly options: SmokeClientOptions) {
    this.root = options.root.replace(/\/+$/, '');
  }

  /** One request to `root + path`; throws SmokeFailure when no answer arrives in time. */
  async request(method: string, path: string, request: SmokeRequest = {}): Promise<SmokeResponse> {
    const url = `${this.root}${path}`;
    const headers: Record<string, string> = {
      'user-agent': USER_AGENT,
      'x-api-key': this.options.apiKey,
      ...this.options.headers,
      ...request.headers,
    };
    if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
    let body: string | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
        headers['content-type'] = 'application/json';
    }
    const signal = AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.options.deadline]);
    try {
      const response = await fetch(url, { method, headers, body, signal, redirect: 'manual' });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, json: parseJson(text) };
    } catch (error) {
      throw new SmokeFailure(`${method} ${url}: ${this.whyNoAnswer(error)}`);
    }
  }

  private whyNoAnswer(error: unknown): string {
    if (this.options.deadline.aborted)
      return `the smoke test ran out of its ${this.options.deadlineSeconds} s deadline`;
    if (error instanceof Error && error.name === 'TimeoutError')
      return `no answer within ${this.options.timeoutMs / 1000} s (is the URL right and the API up?)`;
    const cause =
      error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
    const reason = typeof cause?.code === 'string' ? cause.code : String(cause?.message ?? error);
    return `cannot connect (${reason}): is the URL right and the API up?`;
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Fails unless the response has this status, quoting the start of what came instead. */
export function expectStatus(response: SmokeResponse, status: number): void {
  if (response.status === status) return;
  const body =
    response.text.length > QUOTED_BODY_CHARS
      ? `${response.text.slice(0, QUOTED_BODY_CHARS)}…`
      : response.text;
  throw new SmokeFailure(`expected ${status}, got ${response.status}${body ? `: ${body}` : ''}`);
}

/** Fails with `message` unless `condition` holds. */
export function expectThat(condition: unknown, message: string): asserts condition {
  if (!condition) throw new SmokeFailure(message);
}

/** A response header, failing when it is absent. */
export function requireHeader(response: SmokeResponse, name: string): string {
  const value = response.headers.get(name);
  expectThat(value !== null && value !== '', `no ${name} header`);
  return value;
}

/** The body as a JSON object, failing when it is not one. */
export function jsonObject(response: SmokeResponse): Record<string, unknown> {
  const { json } = response;
  expectThat(
    typeof json === 'object' && json !== null && !Array.isArray(json),
    `expected a JSON object, got: ${response.text.slice(0, QUOTED_BODY_CHARS) || '(empty body)'}`,
  );
  return json as Record<string, unknown>;
}
