import type { ProblemKind } from '../errors/problem-types';

/**
 * Every metric the API emits itself (namespace `TaskApi`, dimensions `service` and `stage`), with what one
 * count means. The dashboard draws them from this list and docs/OPERATIONS.md explains them; `ColdStart`
 * (dimensions `service` and `function_name`) is Powertools' own and not listed here.
 */
export const API_METRICS = {
  TasksCreated: 'POST /tasks created a task (a replayed answer is not counted)',
  TasksUpdated: 'PUT or PATCH changed a task',
  TasksDeleted: 'DELETE removed a task',
  IdempotentReplays: 'a repeated Idempotency-Key got the stored answer back',
  IdempotencyConflicts:
    'an Idempotency-Key came with a different request (422) or while its first request was committing (409)',
  PreconditionFailures: 'If-Match named an ETag that was no longer current (412)',
  EditConflicts: 'a write without If-Match kept losing to concurrent writers and gave up (409 edit-conflict)',
  LoginsSucceeded: 'a login issued a token',
  LoginsFailed: 'a login was refused: unknown email or wrong password (401)',
  Registrations: 'an account was created',
  Logouts: 'a user revoked every token issued so far (POST /auth/logout)',
  IpRateLimitHits: 'a client IP went over its per-IP limit on register or login (429)',
  AccountLoginLimitHits: 'a login was refused because its account had too many failures in a row (429)',
  TokensRejected: 'the authorizer refused a bearer token: malformed, expired, forged (401)',
  AuthorizerFailures:
    'the authorizer could not check a token at all (configuration, secret); clients saw 401',
} as const;

export type ApiMetric = keyof typeof API_METRICS;

/** What a route's outcomes count: `success` for any 2xx answer that is not a replay, or a problem kind. */
export type RouteMetrics = Partial<Record<'success' | ProblemKind, ApiMetric>>;

/** Problems that count the same on every route that can answer them. */
const PROBLEM_METRICS: Partial<Record<ProblemKind, ApiMetric>> = {
  'precondition-failed': 'PreconditionFailures',
  'idempotency-key-reused': 'IdempotencyConflicts',
  'idempotency-in-flight': 'IdempotencyConflicts',
  'edit-conflict': 'EditConflicts',
};

/** How a request ended, as far as counting goes. */
export interface RequestOutcome {
  readonly status: number;
  /** The answer replayed a stored one (`Idempotent-Replayed: true`). */
  readonly replayed: boolean;
  /** The problem kind of a 4xx/5xx answer. */
  readonly problem?: ProblemKind;
}

/**
 * The metrics one request counts, derived from its outcome and the route's declaration, so handlers never
 * count anything themselves: a replay is an `IdempotentReplays` (not the route's success metric), a
 * problem counts its catalogue metric and the route's own one for that kind.
 */
export function outcomeMetrics(declared: RouteMetrics | undefined, outcome: RequestOutcome): ApiMetric[] {
  if (outcome.status < 300) {
    if (outcome.replayed) return ['IdempotentReplays'];
    return declared?.success ? [declared.success] : [];
  }
  if (!outcome.problem) return [];
  const counted = [PROBLEM_METRICS[outcome.problem], declared?.[outcome.problem]];
  return [...new Set(counted.filter((metric): metric is ApiMetric => metric !== undefined))];
}
