/**
 * Assertions every e2e test shares: what docs/API.md promises on every response (security headers, request
 * ids) and on every error (RFC 9457 problem+json with type, title, status, detail).
 */
import type { HttpResult } from './http-client';

/** Strict-Transport-Security, nosniff and the gateway's x-amzn-RequestId are on every response. */
export function expectCommonHeaders(response: HttpResult): void {
  expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
}

/** An RFC 9457 problem with this status; `type` when given must end with it. */
export function expectProblem(response: HttpResult, status: number, type?: string): void {
  expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({
    status,
    contentType: 'application/problem+json',
  });
  expect(response.body).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^https:\/\/task-api\.dev\/problems\//),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    }),
  );
  if (type !== undefined) expect(response.body.type).toBe(`https://task-api.dev/problems/${type}`);
  expectCommonHeaders(response);
}

/** A response a function produced: its X-Request-Id is the gateway's request id. */
export function expectFunctionResponse(response: HttpResult): void {
  expectCommonHeaders(response);
  expect(response.headers.get('x-request-id')).toBe(response.headers.get('x-amzn-requestid'));
}
