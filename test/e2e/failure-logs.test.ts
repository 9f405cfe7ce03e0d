import { randomUUID } from 'node:crypto';
import { captureOutput, type CapturedOutput } from '../support/captured-output';
import { expectProblem } from './support/expectations';
import { newClientIp, useTestGateway } from './support/http-client';

/**
 * A failure provoked through the gateway, then found in the logs from its X-Request-Id, as an operator
 * would (docs/OPERATIONS.md, "From an X-Request-Id to everything about the request"). The failure: the
 * rate-limit table the auth functions count in does not exist (a misconfigured deploy).
 */
process.env.RATE_LIMIT_TABLE = `missing-${randomUUID()}`;
process.env.LOG_LEVEL = 'info';

const client = useTestGateway();
let output: CapturedOutput;
beforeAll(() => {
  output = captureOutput();
});
afterAll(() => output.restore());

it("finds a failed request's X-Request-Id in the structured logs, with the error and its stack", async () => {
  // Act
  const response = await client.request('POST', '/v2/auth/login', {
    json: { email: 'nobody@example.com', password: 'correct horse battery' },
    sourceIp: newClientIp(),
  });

  // Assert: the client gets a 500 problem naming the request, and nothing internal.
  expectProblem(response, 500, 'internal-error');
  const requestId = response.headers.get('x-request-id');
  expect(response.body.request_id).toBe(requestId);
  expect(response.text).not.toContain('ResourceNotFoundException');

  // The operator finds everything about it by that id.
  const lines = output.records().filter((record) => record.request_id === requestId);
  const access = lines.find((line) => line.message === 'request completed');
  expect(access).toMatchObject({
    level: 'ERROR',
    service: 'task-api',
    route: 'Login',
    stage: 'v2',
    method: 'POST',
    path: '/v2/auth/login',
    status: 500,
    error_type: 'internal-error',
    cold_start: expect.any(Boolean),
    xray_trace_id: expect.stringMatching(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/),
    error: {
      name: 'ResourceNotFoundException',
      message: expect.any(String),
      stack: expect.stringContaining('ResourceNotFoundException'),
      location: expect.any(String),
    },
  });
});
