import { problemTypes, type ProblemKind } from './problem-types';

/** One invalid field of a request, as listed in a validation problem's `errors`. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export interface ProblemExtras {
  readonly errors?: readonly FieldError[];
  /** Response headers the problem needs (`Allow`, `Retry-After`, `WWW-Authenticate`, ...). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * An error that is an HTTP answer: thrown anywhere (domain, data, middleware), rendered as problem+json
 * by the error middleware only. Its status comes from the problem catalogue, never from the thrower.
 */
export class ProblemError extends Error {
  readonly status: number;

  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(`${kind}: ${detail}`);
    this.name = 'ProblemError';
    this.status = problemTypes[kind].status;
  }
}

export const notFound = (what: string): ProblemError =>
  new ProblemError('not-found', `${what} was not found`);
