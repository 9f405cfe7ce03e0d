import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/** Any of the API's handlers: API Gateway proxy event + Lambda context → proxy result. */
export type ProxyHandler = (event: APIGatewayProxyEvent, context: never) => Promise<APIGatewayProxyResult>;

/** What the local gateway (or a test) knows about a request, to build API Gateway's proxy event from. */
export interface ProxyRequest {
  stage: string;
  method: string;
  /** Resource path template from the route table, e.g. `/tasks/{id}`. */
  resource: string;
  /** Path without the stage, e.g. `/tasks/01J…`. */
  path: string;
  pathParameters?: Record<string, string>;
  /** Raw header pairs, as received (names keep their case; a repeated header appears twice). */
  headers?: [string, string][];
  /** Raw query pairs, as received (a repeated parameter appears twice). */
  query?: [string, string][];
  body?: string;
  sourceIp?: string;
  apiKey?: string;
  apiKeyId?: string;
  /** The authorizer's context (REST APIs pass its values as strings), plus principalId. */
  authorizer?: Record<string, string | number | boolean>;
  requestId?: string;
  now?: Date;
}

/**
 * Groups name/value pairs by name: the last value of each name, and every value in order. Names are request
 * data (a header or parameter may be called `__proto__` or `constructor`), so they are grouped in a Map and
 * become own properties through `Object.fromEntries`, exactly like the JSON API Gateway sends Lambda.
 */
function byName(pairs: readonly [string, string][]): {
  single: Record<string, string>;
  multi: Record<string, string[]>;
} {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    const values = grouped.get(name);
    if (values) values.push(value);
    else grouped.set(name, [value]);
  }
  return {
    single: Object.fromEntries([...grouped].map(([name, values]) => [name, values[values.length - 1]!])),
    multi: Object.fromEntries(grouped),
  };
}

/**
 * The REST API (payload format 1.0) Lambda proxy event, with the same field names and value shapes API
 * Gateway sends: single- and multi-value headers and query strings, `requestContext.stage`,
 * `identity.sourceIp`/`apiKey`, the authorizer context.
 */
export function buildProxyEvent(request: ProxyRequest): APIGatewayProxyEvent {
  const now = request.now ?? new Date();
  const { single: headers, multi: multiValueHeaders } = byName(request.headers ?? []);
  const { single: query, multi: multiValueQuery } = byName(request.query ?? []);
  const requestId = request.requestId ?? randomUUID();
  const hasQuery = (request.query ?? []).length > 0;
  return {
    resource: request.resource,
    path: request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiValueQuery : null,
    pathParameters:
      request.pathParameters && Object.keys(request.pathParameters).length > 0
        ? request.pathParameters
        : null,
    stageVariables: null,
    body: request.body === undefined || request.body === '' ? null : request.body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      authorizer: request.authorizer ?? null,
      domainName: 'localhost',
      domainPrefix: 'localhost',
      extendedRequestId: requestId,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: request.apiKey ?? null,
        apiKeyId: request.apiKeyId ?? null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp ?? '127.0.0.1',
        user: null,
        userAgent: headerOf(headers, 'user-agent') ?? null,
        userArn: null,
      },
      path: `/${request.stage}${request.path}`,
      protocol: 'HTTP/1.1',
      requestId,
      requestTime: now.toUTCString(),
      requestTimeEpoch: now.getTime(),
      resourceId: 'local',
      resourcePath: request.resource,
      stage: request.stage,
    },
  };
}

/** A header's value by case-insensitive name, reading own properties only. */
function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}

/** A Lambda context for in-process invocation. */
export function lambdaContext(functionName: string, requestId: string = randomUUID()) {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
