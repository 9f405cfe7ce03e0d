/**
 * One HTTP exchange with the API, with everything every call needs: the stage root, the API key and
 * bearer token, JSON bodies, a timeout per attempt, the caller's AbortSignal, retries by the retry
 * policy, and errors turned into `ProblemError` / `ConnectionError`. Only web platform APIs (`fetch`,
 * `Headers`, `AbortController`, `setTimeout`): the same code runs in Node 20+ and browsers.
 */
import { ConnectionError, ProblemError, problemOf, requestIdOf, TaskApiError } from './errors.ts';
import { DEFAULT_RETRY, parseRetryAfter, retryDelay, type RetryOptions } from './retry-policy.ts';

/** Options of a client (`new TaskApi(options)`). */
export interface ClientOptions {
  /** The stage root, e.g. `http://127.0.0.1:3000/v2` or the stack's `V2Url` output. */
  baseUrl: string;
  /** Sent as `x-api-key`; every route but `/health` needs one. */
  apiKey?: string;
  /** A bearer token to start with (otherwise `auth.login()` sets it). */
  accessToken?: string;
  retry?: RetryOptions;
  /** Time allowed for one attempt (until the whole body is read). Default 30 000 ms. */
  timeoutMs?: number;
  /** Headers sent with every request (tracing, for example). */
  headers?: Record<string, string>;
  /** The fetch to use; the platform's by default. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Told before each retry: what failed and how long the client waits. */
  onRetry?: (event: RetryEvent) => void;
}

/** Options of one call. */
export interface RequestOptions {
  /** Aborts the call, waits between retries included; it rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Overrides the client's `retry.maxRetries` for this call. */
  maxRetries?: number;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}

export interface RetryEvent {
  method: string;
  url: string;
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  /** Why: the answer, or the missing one. */
  error: ProblemError | ConnectionError;
}

/** What the client knows about the response a value came from. */
export interface ResponseInfo {
  status: number;
  headers: Headers;
  /** `X-Request-Id`: quote it when asking about a request. */
  requestId: string | undefined;
  /** The task's version (`ETag`), on single-task answers: pass it as `ifMatch`. */
  etag: string | undefined;
  /** The Idempotency-Key the request carried (every `tasks.create`). */
  idempotencyKey: string | undefined;
  /** True when the API replayed the stored answer of an earlier request with the same key. */
  replayed: boolean;
  /** Attempts made (1 when no retry was needed). */
  attempts: number;
}

/** A value returned by the client, with the response it came from (not enumerable: not in JSON). */
export type WithResponse<T> = T & { readonly lastResponse: ResponseInfo };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined;

/** One call, as the resources describe it. */
export interface Call {
  method: Method;
  /** Below the stage root, already encoded: `/tasks/01J...`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  contentType?: string;
  /** Sends the bearer token (and fails fast without one). */
  auth: boolean;
  /** Safe to send again when the outcome of an attempt is unknown (see retry-policy.ts). */
  repeatable: boolean;
  headers?: Record<string, string>;
  idempotencyKey?: string;
  options?: RequestOptions;
}

export interface Exchange<T> {
  body: T;
  info: ResponseInfo;
}

/** Aborts an attempt that ran over `timeoutMs` (told apart from the caller's own abort). */
class AttemptTimeout extends Error {}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined) search.append(name, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export class Transport {
  /** The bearer token sent on authenticated calls. */
  accessToken: string | undefined;
  private readonly baseUrl: string;
  private readonly retry: Required<RetryOptions>;
  private readonly timeoutMs: number;

  constructor(private readonly options: ClientOptions) {
    if (typeof options.baseUrl !== 'string' || !/^https?:\/\//i.test(options.baseUrl))
      throw new TypeError(`baseUrl must be an http(s) URL of a stage root, got ${String(options.baseUrl)}`);
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.accessToken = options.accessToken;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Sends a call (retrying as the policy allows) and returns its parsed JSON body, or throws. */
  async send<T>(call: Call): Promise<Exchange<T>> {
    const url = `${this.baseUrl}${call.path}${queryString(call.query)}`;
    const headers = this.headersFor(call);
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const signal = call.options?.signal;
    const retry = { ...this.retry, maxRetries: call.options?.maxRetries ?? this.retry.maxRetries };
    for (let attempt = 1; ; attempt++) {
      let failure: ProblemError | ConnectionError;
      let delay: number | undefined;
      try {
        const { response, text } = await this.attempt(url, call.method, headers, body, call.options);
        if (response.ok || response.status === 304) return this.success<T>(response, text, call, attempt);
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        failure = new ProblemError(
          problemOf(response.status, response.statusText, text),
          response.headers,
          retryAfterMs,
        );
        const outcome = { kind: 'answer', status: response.status, retryAfterMs } as const;
        delay = retryDelay(outcome, attempt - 1, call.repeatable, retry);
      } catch (error) {
        if (!(error instanceof ConnectionError)) throw error;
        failure = error;
        delay = retryDelay({ kind: 'no-answer' }, attempt - 1, call.repeatable, retry);
      }
      if (delay === undefined) throw failure;
      this.options.onRetry?.({ method: call.method, url, retry: attempt, delayMs: delay, error: failure });
      await sleep(delay, signal);
    }
  }

  private headersFor(call: Call): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      ...this.options.headers,
      ...call.headers,
      ...call.options?.headers,
    };
    if (this.options.apiKey !== undefined) headers['x-api-key'] = this.options.apiKey;
    if (call.auth) {
      if (this.accessToken === undefined)
        throw new TaskApiError('Not logged in: call auth.login() first, or pass accessToken to the client');
      headers.authorization = `Bearer ${this.accessToken}`;
    }
    if (call.body !== undefined) headers['content-type'] = call.contentType ?? 'application/json';
    if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
    return headers;
  }

  /** One attempt, body read included, bounded by the timeout and the caller's signal. */
  private async attempt(
    url: string,
    method: Method,
    headers: Record<string, string>,
    body: string | undefined,
    options: RequestOptions | undefined,
  ): Promise<{ response: Response; text: string }> {
    const signal = options?.signal;
    signal?.throwIfAborted();
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const timeoutMs = options?.timeoutMs ?? this.timeoutMs;
    const timer = setTimeout(() => controller.abort(new AttemptTimeout()), timeoutMs);
    const fetchImpl = this.options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
    try {
      const response = await fetchImpl(url, { method, headers, body, signal: controller.signal });
      return { response, text: await response.text() };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const timedOut = controller.signal.reason instanceof AttemptTimeout;
      const reason = timedOut
        ? `no answer within ${timeoutMs} ms`
        : `${(error as Error).message}${(error as Error).cause instanceof Error ? `: ${((error as Error).cause as Error).message}` : ''}`;
      throw new ConnectionError(`${method} ${url} failed: ${reason}`, { cause: error, timedOut });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private success<T>(response: Response, text: string, call: Call, attempts: number): Exchange<T> {
    let body: unknown;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch (error) {
        throw new TaskApiError(
          `${call.method} ${call.path} answered ${response.status} with a non-JSON body`,
          {
            cause: error,
          },
        );
      }
    }
    const info: ResponseInfo = {
      status: response.status,
      headers: response.headers,
      requestId: requestIdOf(response.headers),
      etag: response.headers.get('etag') ?? undefined,
      idempotencyKey: call.idempotencyKey,
      replayed: response.headers.get('idempotent-replayed') === 'true',
      attempts,
    };
    return { body: body as T, info };
  }
}

/** Attaches `lastResponse` to a returned object without making it part of its JSON. */
export function withResponse<T extends object>({ body, info }: Exchange<T>): WithResponse<T> {
  Object.defineProperty(body, 'lastResponse', { value: info, enumerable: false });
  return body as WithResponse<T>;
}
