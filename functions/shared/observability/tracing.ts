import { getXrayTraceDataFromEnv } from '@aws-lambda-powertools/commons/utils/env';
import { InvocationScoped } from '@aws-lambda-powertools/commons/utils/invocation-scoped';
import type { BuildMiddleware, MetadataBearer, MiddlewareStack } from '@smithy/types';
import { randomBytes } from 'node:crypto';
import { isError } from './loggable-error';
import { logger } from './logger';
import { sendToDaemon } from './xray-daemon';

/**
 * X-Ray subsegments for the invocation and for every AWS SDK call it makes, written to the X-Ray daemon
 * the way the X-Ray SDK does, without the X-Ray SDK: Powertools Tracer loads `aws-xray-sdk-core`, which
 * costs a function about as much cold-start time again as the DynamoDB client does and hooks every
 * promise (`cls-hooked`); see docs/DECISIONS.md for the measurement. Lambda (tracing Active) records the
 * function's own segment; under it this module adds `## <route>` with annotations `route`, `stage`,
 * `ColdStart` and `Service`, and under that one `DynamoDB` / `SecretsManager` subsegment per call
 * (namespace `aws`: operation, table, request id, retries, HTTP status, error/throttle/fault flags),
 * whether the call goes through an SDK client or through `fetch`.
 * Only sampled requests (`Sampled=1` in the trace header) are recorded.
 */

type Annotations = Record<string, string | number | boolean>;

interface Cause {
  exceptions: { id: string; type: string; message: string; remote?: boolean }[];
}

/** An X-Ray subsegment document (the fields this module writes). */
export interface Subsegment {
  id: string;
  name: string;
  start_time: number;
  end_time?: number;
  namespace?: 'aws';
  annotations?: Annotations;
  aws?: Record<string, string | number | string[]>;
  http?: { response: { status: number } };
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  cause?: Cause;
  subsegments?: Subsegment[];
}

interface ActiveTrace {
  traceId: string;
  parentId: string;
  root: Subsegment & { subsegments: Subsegment[] };
}

/** The sampled invocation being traced, if any; per invocation where Lambda runs several at once. */
const active = new InvocationScoped<ActiveTrace | undefined>('task-api.trace', { initial: undefined });

const segmentId = (): string => randomBytes(8).toString('hex');
const epochSeconds = (): number => Date.now() / 1000;

/** Flags and cause for an HTTP status, as X-Ray reads them: 429 throttle, other 4xx error, 5xx fault. */
function outcomeFlags(status: number | undefined, error: unknown): Partial<Subsegment> {
  const flags: Partial<Subsegment> = {};
  if (status === 429) flags.throttle = true;
  if (status !== undefined && status >= 400 && status < 500) flags.error = true;
  if (status === undefined ? error !== undefined : status >= 500) flags.fault = true;
  if (isError(error) && (flags.fault || flags.error)) {
    flags.cause = { exceptions: [{ id: segmentId(), type: error.name, message: error.message }] };
  }
  return flags;
}

/**
 * Opens the invocation's subsegment when the request is sampled. `name` is what the trace map shows
 * (`## CreateTask`); the annotations are searchable (`annotation.route = "CreateTask"`).
 */
export function startInvocationTrace(name: string, annotations: Annotations): void {
  const header = getXrayTraceDataFromEnv();
  if (!header?.Root || !header.Parent || header.Sampled !== '1') {
    active.set(undefined);
    return;
  }
  active.set({
    traceId: header.Root,
    parentId: header.Parent,
    root: { id: segmentId(), name, start_time: epochSeconds(), annotations, subsegments: [] },
  });
}

/** Closes the invocation's subsegment with its outcome and sends it (with its children) to the daemon. */
export async function endInvocationTrace(outcome: { status?: number; error?: unknown }): Promise<void> {
  const trace = active.get();
  if (!trace) return;
  active.set(undefined);
  const { root } = trace;
  await sendToDaemon({
    ...root,
    ...outcomeFlags(outcome.status, outcome.error),
    ...(outcome.status !== undefined ? { http: { response: { status: outcome.status } } } : {}),
    end_time: epochSeconds(),
    type: 'subsegment',
    trace_id: trace.traceId,
    parent_id: trace.parentId,
  });
}

/** The tables an input names: `TableName`, or the keys of a batch, or every table of a transaction. */
export function tableAttributes(input: Record<string, unknown>): Record<string, string | string[]> {
  if (typeof input.TableName === 'string') {
    return {
      table_name: input.TableName,
      ...(typeof input.IndexName === 'string' ? { index_name: input.IndexName } : {}),
    };
  }
  const names = new Set<string>();
  if (input.RequestItems && typeof input.RequestItems === 'object')
    for (const name of Object.keys(input.RequestItems)) names.add(name);
  if (Array.isArray(input.TransactItems)) {
    for (const item of input.TransactItems as Record<string, { TableName?: unknown }>[]) {
      for (const action of Object.values(item))
        if (typeof action.TableName === 'string') names.add(action.TableName);
    }
  }
  return names.size > 0 ? { table_names: [...names] } : {};
}

/** How an AWS call ended, as far as its trace and debug line go. */
export interface AwsCallOutcome {
  status?: number;
  requestId?: string;
  attempts?: number;
  error?: unknown;
}

/** One AWS call being recorded: the trace header to send on with it (when sampled), and its end. */
export interface AwsCall {
  readonly traceHeader?: string;
  end(outcome: AwsCallOutcome): void;
}

/**
 * Starts recording one AWS call (`DynamoDB`/`GetItem`, `SecretsManager`/`GetSecretValue`…): when it ends,
 * a debug log line (operation, table, duration, attempts, status) whatever the sampling, and a subsegment
 * of the sampled invocation. The SDK clients do it through {@link traceAwsClient}, `fetch` callers through
 * {@link tracedFetch}.
 */
export function startAwsCall(
  service: string,
  operation: string,
  attributes: Record<string, string | string[]> = {},
): AwsCall {
  const trace = active.get();
  const started = performance.now();
  const subsegment: Subsegment = {
    id: segmentId(),
    name: service,
    namespace: 'aws',
    start_time: epochSeconds(),
    aws: { operation, region: process.env.AWS_REGION ?? '', ...attributes },
  };
  return {
    ...(trace ? { traceHeader: `Root=${trace.traceId};Parent=${subsegment.id};Sampled=1` } : {}),
    end({ status, requestId, attempts, error }) {
      logger.debug('aws call', {
        aws_service: service,
        aws_operation: operation,
        ...subsegment.aws,
        duration_ms: Math.round((performance.now() - started) * 100) / 100,
        attempts,
        status,
        ...(isError(error) ? { error_name: error.name } : {}),
      });
      if (!trace) return;
      Object.assign(subsegment, outcomeFlags(status, error), { end_time: epochSeconds() });
      subsegment.aws = {
        ...subsegment.aws,
        ...(requestId ? { request_id: requestId } : {}),
        retries: Math.max(0, (attempts ?? 1) - 1),
      };
      if (status !== undefined) subsegment.http = { response: { status } };
      if (isError(error) && /Throttl|ProvisionedThroughputExceeded|RequestLimitExceeded/.test(error.name))
        subsegment.throttle = true;
      trace.root.subsegments.push(subsegment);
    },
  };
}

interface SdkMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
}

/**
 * Traces an AWS SDK v3 client: each call becomes a subsegment of the current sampled invocation (and
 * carries the trace header on to the service) and a debug log line. Returns the client.
 */
export function traceAwsClient<
  I extends object,
  O extends MetadataBearer,
  C extends { middlewareStack: MiddlewareStack<I, O> },
>(client: C): C {
  const middleware: BuildMiddleware<I, O> = (next, context) => async (args) => {
    const call = startAwsCall(
      (context.clientName ?? 'AWS').replace(/Client$/, ''),
      (context.commandName ?? 'Unknown').replace(/Command$/, ''),
      tableAttributes(args.input as Record<string, unknown>),
    );
    const request = args.request as { headers?: Record<string, string> } | undefined;
    if (call.traceHeader && request?.headers) request.headers['X-Amzn-Trace-Id'] = call.traceHeader;
    try {
      const result = await next(args);
      const metadata: SdkMetadata = (result.output as MetadataBearer).$metadata;
      call.end({
        status: metadata.httpStatusCode,
        requestId: metadata.requestId,
        attempts: metadata.attempts,
      });
      return result;
    } catch (error) {
      const metadata = (error as { $metadata?: SdkMetadata }).$metadata;
      call.end({
        status: metadata?.httpStatusCode,
        requestId: metadata?.requestId,
        attempts: metadata?.attempts,
        error,
      });
      throw error;
    }
  };
  client.middlewareStack.add(middleware, { step: 'build', name: 'taskApiTracing', priority: 'high' });
  return client;
}

/**
 * `fetch` to an AWS service (the functions' SDK-free calls: the Secrets extension, the authorizer's
 * signed DynamoDB read), recorded as {@link startAwsCall} records an SDK call.
 */
export async function tracedFetch(
  service: string,
  operation: string,
  attributes: Record<string, string | string[]>,
  url: string | URL,
  init: RequestInit = {},
): Promise<Response> {
  const call = startAwsCall(service, operation, attributes);
  const headers = new Headers(init.headers);
  if (call.traceHeader) headers.set('X-Amzn-Trace-Id', call.traceHeader);
  try {
    const response = await fetch(url, { ...init, headers });
    call.end({ status: response.status, requestId: response.headers.get('x-amzn-requestid') ?? undefined });
    return response;
  } catch (error) {
    call.end({ error });
    throw error;
  }
}
