/**
 * Client test fixtures: a local gateway per test file (DynamoDB Local from the global setup), clients of
 * the real package source pointed at it, and users signed up through the client itself. Each user gets
 * its own test source IP, so the per-IP register/login limits are never shared between tests. Every
 * answer the clients receive is checked against the OpenAPI document the gateway serves (the contract
 * test), and a test fails when one does not match.
 */
import { randomUUID } from 'node:crypto';
import type { GatewayOptions, RunningGateway } from '../../../lib/local/gateway';
import { ProblemError, TaskApi, TaskApiV1, type ClientOptions } from '../../../client/src/index.ts';
import { API_KEY, newClientIp, SOURCE_IP_HEADER, startTestGateway } from '../../e2e/support/http-client';
import { contractViolations } from '../../support/openapi-contract';

/** What answers broke the contract since the last test ended (checked after each test). */
const brokenContract: string[] = [];

/**
 * The platform's fetch, with every answer checked against the served OpenAPI document before the client
 * reads it. A mismatch is recorded rather than thrown, so the client's retry logic cannot hide it.
 */
export const contractFetch: NonNullable<ClientOptions['fetch']> = async (input, init) => {
  const response = await fetch(input, init);
  const method = init.method ?? 'GET';
  const violations = await contractViolations({
    method,
    url: input,
    status: response.status,
    headers: response.headers,
    text: await response.clone().text(),
  });
  for (const violation of violations)
    brokenContract.push(`${method} ${input} (${response.status}): ${violation}`);
  return response;
};

export const PASSWORD = 'correct horse battery staple';

/** Retries fast enough for tests: the policy is the same, only the base step is smaller. */
export const FAST_RETRY = { baseDelayMs: 5 };

/** A gateway for this test file; `url` is its origin once the file's tests run. */
export function useClientGateway(options: GatewayOptions = {}): { readonly url: string } {
  const state = { url: '' };
  let gateway: RunningGateway | undefined;
  beforeAll(async () => {
    gateway = await startTestGateway(options);
    state.url = gateway.url;
  });
  afterEach(() => {
    const broken = brokenContract.splice(0);
    expect(broken).toEqual([]);
  });
  afterAll(() => gateway?.close());
  return state;
}

type Overrides = Partial<ClientOptions>;

/** A v2 client on `origin` from its own client IP (basic plan key, fast retries). */
export function clientFor(origin: string, overrides: Overrides = {}): TaskApi {
  return new TaskApi({ ...baseOptions(origin, 'v2'), ...overrides });
}

/** A v1 client on `origin`. */
export function clientV1For(origin: string, overrides: Overrides = {}): TaskApiV1 {
  return new TaskApiV1({ ...baseOptions(origin, 'v1'), ...overrides });
}

function baseOptions(origin: string, stage: 'v1' | 'v2'): ClientOptions {
  return {
    baseUrl: `${origin}/${stage}`,
    apiKey: API_KEY,
    retry: FAST_RETRY,
    fetch: contractFetch,
    headers: { [SOURCE_IP_HEADER]: newClientIp() },
  };
}

/** Registers and logs in a fresh user through the client; the client keeps the token. */
export async function signUp(api: TaskApi | TaskApiV1): Promise<{ email: string; userId: string }> {
  const email = `client-${randomUUID()}@example.com`;
  const user = await api.auth.register({ email, password: PASSWORD, name: 'Client Test' });
  await api.auth.login({ email, password: PASSWORD });
  return { email, userId: user.id };
}

/** A fetch that records every attempt (method, URL, headers) and sends it on unchanged. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}
export function recordingFetch(log: RecordedRequest[]): ClientOptions['fetch'] {
  return (input, init) => {
    log.push({
      method: init.method ?? 'GET',
      url: input,
      headers: { ...(init.headers as Record<string, string>) },
    });
    return contractFetch(input, init);
  };
}

/** The ProblemError a call rejects with (fails the test if it resolves or throws anything else). */
export async function problemFrom(call: Promise<unknown>): Promise<ProblemError> {
  const outcome = await call.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ rejected: error }),
  );
  if (!('rejected' in outcome)) throw new Error(`expected a ProblemError, the call resolved`);
  if (!(outcome.rejected instanceof ProblemError)) throw outcome.rejected;
  return outcome.rejected;
}
