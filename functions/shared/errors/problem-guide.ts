import type { ProblemKind } from './problem-types';

/**
 * The reference's entry for each problem type: when a client gets it and what it should do. The problem's
 * `type` URI ends with its kind, and the kind is the entry's anchor: `docs/API.md#<kind>` in the repository
 * and `/{stage}/docs#<kind>` on a running API. `npm run openapi` writes docs/API.md's list from here and the
 * reference page renders it; the type makes every kind have an entry.
 */
export interface ProblemGuideEntry {
  /** When the API answers with it. */
  readonly meaning: string;
  /** What a client should do about it. */
  readonly action: string;
}

export const problemGuide = {
  'malformed-request': {
    meaning:
      'The request could not be read: the body is not JSON (or is empty), or a header the route reads is malformed (`Idempotency-Key`, `If-Match`, `If-None-Match`). The gateway answers it too for a request it cannot parse.',
    action: 'Fix the request; sending it again unchanged gets the same answer. `detail` names what is wrong.',
  },
  'invalid-cursor': {
    meaning:
      'The `cursor` of a list request was not made by this API for this user, was altered, is signed with a key the API no longer accepts, or was made for other filters or another sort.',
    action:
      'Start the walk again from the first page (no `cursor`), and pass each page’s `next_cursor` back unchanged with the same filters and sort.',
  },
  unauthorized: {
    meaning:
      'The bearer token is missing, malformed, expired or wrongly signed (with `WWW-Authenticate: Bearer`); on `POST /auth/login`, the email or password is wrong (the same answer for both).',
    action:
      'Log in again (`POST /auth/login`) and retry with the new token. On login, check the credentials: retrying them unchanged will not help.',
  },
  forbidden: {
    meaning: 'The `x-api-key` header is missing, or names no key of this API.',
    action:
      'Send the API key you were given in `x-api-key`. Every route except `/health`, `/openapi.json` and `/docs` needs one.',
  },
  'not-found': {
    meaning:
      'No such route, or no such task for this user: a task that never existed, was deleted, or belongs to someone else (never a 403, so nobody learns what exists).',
    action: 'Check the path and id. Do not retry: the answer will not change unless the resource is created.',
  },
  'method-not-allowed': {
    meaning: 'The path exists but not with this method; `Allow` lists the methods it has.',
    action: 'Use one of the methods in `Allow`.',
  },
  'email-taken': {
    meaning: 'An account with this email (compared case-insensitively) already exists.',
    action: 'Log in with that email instead, or register another one.',
  },
  'idempotency-in-flight': {
    meaning: 'A request with the same `Idempotency-Key` is still being processed.',
    action:
      'Wait `Retry-After` seconds and send the same request with the same key: you get the first request’s answer, never a second task.',
  },
  'edit-conflict': {
    meaning:
      'Other writes to the same task kept winning the race while the API re-applied yours (writes without `If-Match` are retried on the fresh task for a few seconds first). Nothing was written.',
    action:
      'Wait `Retry-After` seconds and send the same request again; for a read-modify-write, send `If-Match` and handle `412` instead.',
  },
  'precondition-failed': {
    meaning: 'The `If-Match` ETag is not the task’s current one: someone changed it since you read it.',
    action:
      'Read the task again (`GET`), reapply your change to what it holds now, and write with the new `ETag`.',
  },
  'payload-too-large': {
    meaning: 'The body is larger than 64 KiB (a function’s limit), or than 10 MiB (the gateway’s).',
    action: 'Send a smaller body: a task’s fields fit in a few KiB.',
  },
  'unsupported-media-type': {
    meaning:
      'The body’s `Content-Type` is not `application/json` (`PATCH` also takes `application/merge-patch+json`).',
    action: 'Send the body as JSON with `Content-Type: application/json`.',
  },
  'validation-error': {
    meaning:
      'The body or the query string breaks a rule: a missing or invalid field, an unknown field or parameter, a field of the other version, a repeated parameter. `errors[]` lists each problem as `{ field, message }`.',
    action: 'Fix every field that `errors` names; the same request will fail the same way.',
  },
  'idempotency-key-reused': {
    meaning:
      'This `Idempotency-Key` was used in the last 24 hours for a different request (another body, path or version).',
    action: 'Use a new key for a new request; reuse a key only to retry exactly the same request.',
  },
  'rate-limited': {
    meaning:
      'Too many requests: the API key’s plan (steady rate and burst), the stage’s overall limit, or the per-IP limit of `/auth/register` and `/auth/login`.',
    action:
      'Wait `Retry-After` seconds before the next request, and pace requests below your plan’s rate (see the limits).',
  },
  'login-throttled': {
    meaning:
      'Too many failed logins for this email in a row (5 are free, whatever the client IP): further attempts are refused for 30 seconds, doubling per failure up to 15 minutes. An email without an account is treated the same.',
    action:
      'Wait `Retry-After` seconds before trying again; a successful login resets the count. Do not retry automatically with the same password.',
  },
  'quota-exceeded': {
    meaning: 'The API key’s daily quota is spent (it resets at 00:00 UTC).',
    action:
      'Wait for the quota period to end (`Retry-After` says when to ask again), or use a key on a larger plan.',
  },
  'internal-error': {
    meaning:
      'Something unexpected failed on the server. Nothing internal is shown; the request id is logged.',
    action:
      'Retry later only if the request is safe to repeat (GET, PUT, DELETE, a conditional PATCH, a POST with an Idempotency-Key). Quote `request_id` when you report it.',
  },
  'service-unavailable': {
    meaning: 'The database is unreachable or throttling its requests.',
    action:
      'Wait `Retry-After` seconds and retry, backing off if it persists; a write may have been applied, so retry only what is safe to repeat (as for `internal-error`).',
  },
} as const satisfies Record<ProblemKind, ProblemGuideEntry>;
