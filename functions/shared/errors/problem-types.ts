/**
 * The catalogue of RFC 9457 problem types this API answers with. Status and title live here once; code
 * throws a `ProblemError` naming one of these kinds, and the error middleware renders it.
 */
export const PROBLEM_BASE_URI = 'https://task-api.dev/problems/';

export const problemTypes = {
  'malformed-request': { status: 400, title: 'Malformed request' },
  'invalid-cursor': { status: 400, title: 'Invalid cursor' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'email-taken': { status: 409, title: 'Email already registered' },
  'idempotency-in-flight': { status: 409, title: 'Request with this Idempotency-Key in progress' },
  'edit-conflict': { status: 409, title: 'Edit conflict' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'validation-error': { status: 422, title: 'Validation failed' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused with a different request' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'login-throttled': { status: 429, title: 'Too many failed logins' },
  'quota-exceeded': { status: 429, title: 'Quota exceeded' },
  'internal-error': { status: 500, title: 'Internal server error' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof problemTypes;

export function problemTypeUri(kind: ProblemKind): string {
  return PROBLEM_BASE_URI + kind;
}
