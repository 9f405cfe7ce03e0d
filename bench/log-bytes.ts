import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { environments } from '../lib/config/environments';
import { TaskApiStack } from '../lib/infra/task-api-stack';

/**
 * The CloudWatch Logs bytes a request produces besides the functions' own lines (which the benchmark
 * captures): the stage's access-log line and Lambda's platform lines. Neither is written locally, so both
 * are rendered from their formats with values of realistic length; the rendered lines are printed.
 */

/** The access-log format the stages deploy, read from the synthesized template (not restated here). */
export function deployedAccessLogFormat(): string {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new TaskApiStack(app, 'TaskApiStack', { config: environments.prod });
  const stages = Template.fromStack(Stack.of(stack)).findResources('AWS::ApiGateway::Stage') as Record<
    string,
    { Properties: { AccessLogSetting?: { Format?: string } } }
  >;
  const format = Object.values(stages)[0]?.Properties.AccessLogSetting?.Format;
  if (!format) throw new Error('no access-log format in the synthesized stages');
  return format;
}

/** What API Gateway would put in the `$context` variables the format uses, for one request. */
export interface AccessLogValues {
  method: string;
  resourcePath: string;
  path: string;
  status: number;
  responseLength: number;
  /** The authorizer's principal (the user id) on authenticated routes. */
  principalId?: string;
}

/**
 * One access-log line: `$context.*` replaced by values of the length API Gateway writes (a UUID request
 * id, a CLF time, an IPv4 address, a browser's user agent, a 10-character key id, an X-Ray trace header);
 * variables with no value become `-`, as API Gateway writes them.
 */
export function renderAccessLog(format: string, values: AccessLogValues): string {
  const context: Record<string, string> = {
    requestId: '0f0c5d5e-8a4b-4c1e-9d2f-3b6a7c8d9e0f',
    requestTime: '27/Nov/2026:08:15:42 +0000',
    'identity.sourceIp': '203.0.113.42',
    'identity.userAgent':
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    httpMethod: values.method,
    resourcePath: values.resourcePath,
    path: `/v2${values.path}`,
    protocol: 'HTTP/1.1',
    status: String(values.status),
    responseLength: String(values.responseLength),
    responseLatency: '23',
    integrationLatency: '21',
    'identity.apiKeyId': 'a1b2c3d4e5',
    'authorizer.principalId': values.principalId ?? '-',
    'authorizer.error': '-',
    'error.responseType': '-',
    'error.message': '-',
    'waf.status': '-',
    xrayTraceId: 'Root=1-6746d4ce-5f0a1b2c3d4e5f6a7b8c9d0e;Parent=53995c3f42cd8ad8;Sampled=1',
  };
  return format.replace(/\$context\.([A-Za-z.]+)/g, (_, name: string) => context[name] ?? '-');
}

/**
 * Lambda's platform lines for one invocation in the default text format, with active tracing (the REPORT
 * line then carries the X-Ray ids): START, END, REPORT. A cold start adds `Init Duration` to REPORT.
 */
export function lambdaPlatformLines(cold = false): string[] {
  const requestId = '6f1a2b3c-4d5e-4f60-8a1b-2c3d4e5f6a7b';
  return [
    `START RequestId: ${requestId} Version: $LATEST\n`,
    `END RequestId: ${requestId}\n`,
    `REPORT RequestId: ${requestId}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\t` +
      `Max Memory Used: 98 MB\t${cold ? 'Init Duration: 312.45 ms\t' : ''}\n` +
      `XRAY TraceId: 1-6746d4ce-5f0a1b2c3d4e5f6a7b8c9d0e\tSegmentId: 53995c3f42cd8ad8\tSampled: true\t\n`,
  ];
}

/** The bytes of a response as it leaves API Gateway: status line, headers (ours + API Gateway's) and body. */
export function responseBytes(result: APIGatewayProxyResult): number {
  // API Gateway adds these to every answer (values of their usual length).
  const gateway = {
    Date: 'Fri, 27 Nov 2026 08:15:42 GMT',
    'Content-Length': String(Buffer.byteLength(result.body)),
    Connection: 'keep-alive',
    'x-amzn-RequestId': '0f0c5d5e-8a4b-4c1e-9d2f-3b6a7c8d9e0f',
    'x-amz-apigw-id': 'Bk1cDFq2IAMEb7Q=',
    'X-Amzn-Trace-Id': 'Root=1-6746d4ce-5f0a1b2c3d4e5f6a7b8c9d0e;Parent=53995c3f42cd8ad8;Sampled=1',
  };
  const headers = { ...(result.headers ?? {}), ...gateway };
  const headerBytes = Object.entries(headers).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(`${name}: ${String(value)}\r\n`),
    0,
  );
  return (
    Buffer.byteLength(`HTTP/1.1 ${result.statusCode} OK\r\n`) +
    headerBytes +
    2 +
    Buffer.byteLength(result.body)
  );
}
