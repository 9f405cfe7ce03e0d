/**
 * What Lambda's Node.js runtime does around each invocation that the functions' Powertools utilities
 * rely on, for the local gateway and `npm run invoke`:
 *
 * - `AWS_LAMBDA_INITIALIZATION_TYPE=on-demand`, so the first invocation of a process is a cold start;
 * - each invocation runs in its own InvokeStore context (request id, X-Ray trace header), as Lambda does
 *   where one environment serves several invocations at once (`AWS_LAMBDA_MAX_CONCURRENCY`). Locally
 *   every function shares one process and the gateway runs requests concurrently: the context keeps each
 *   request's log keys and metrics apart.
 *
 * The trace header is never sampled locally (there is no X-Ray daemon): log lines still carry a trace id,
 * as they do in AWS.
 */
import { InvokeStore, type InvokeStoreBase } from '@aws/lambda-invoke-store';
import { randomBytes } from 'node:crypto';

/** How many invocations the local process may run at once, as Lambda would advertise it. */
const LOCAL_MAX_CONCURRENCY = '1000';

/** The runtime's protected InvokeStore keys (global symbols, `InvokeStoreBase.PROTECTED_KEYS`). */
const REQUEST_ID = Symbol.for('_AWS_LAMBDA_REQUEST_ID');
const X_RAY_TRACE_ID = Symbol.for('_AWS_LAMBDA_X_RAY_TRACE_ID');

let store: Promise<InvokeStoreBase> | undefined;

/**
 * Sets the runtime's variables and creates the InvokeStore. Call before a function module loads: the
 * utilities read the variables when they are constructed.
 */
export function prepareLambdaRuntime(): Promise<InvokeStoreBase> {
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE ??= 'on-demand';
  process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= LOCAL_MAX_CONCURRENCY;
  store ??= InvokeStore.getInstanceAsync(true);
  return store;
}

/** An X-Ray trace header as Lambda hands one to a function: the API Gateway root if any, a new parent. */
export function traceHeaderFor(event: unknown, now = Date.now()): string {
  const headers = (event as { headers?: Record<string, string | undefined> | null }).headers ?? {};
  const incoming = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-amzn-trace-id')?.[1];
  const root =
    /Root=(1-[0-9a-f]{8}-[0-9a-f]{24})/.exec(incoming ?? '')?.[1] ??
    `1-${Math.floor(now / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  return `Root=${root};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
}

/** Runs one invocation of `handler` the way the runtime does (see the module comment). */
export async function invokeAsLambda<R>(
  handler: (event: unknown, context: unknown) => Promise<R>,
  event: unknown,
  context: { awsRequestId: string },
): Promise<R> {
  const invocations = await prepareLambdaRuntime();
  return invocations.run(
    { [REQUEST_ID]: context.awsRequestId, [X_RAY_TRACE_ID]: traceHeaderFor(event) },
    () => handler(event, context),
  );
}
