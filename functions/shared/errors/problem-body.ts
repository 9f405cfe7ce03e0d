import type { FieldError } from './problem-error';
import type { ProblemBody } from './problem-schema';
import { problemTypes, problemTypeUri, type ProblemKind } from './problem-types';

/** At most this many entries of `errors[]` are listed; `error_count` says how many there were. */
export const MAX_LISTED_ERRORS = 20;
/** A field or parameter name is echoed at most this long (in characters, an ellipsis included). */
export const MAX_ECHOED_NAME = 100;

/**
 * A name as echoed: names come from the request, so a 10 000-character one is cut to
 * {@link MAX_ECHOED_NAME} UTF-16 units, the last being an ellipsis (never half of a surrogate pair).
 */
export function boundedName(name: string): string {
  if (name.length <= MAX_ECHOED_NAME) return name;
  let end = MAX_ECHOED_NAME - 1;
  const last = name.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${name.slice(0, end)}…`;
}

/** The listed part of a validation problem's errors: bounded in number and in the length of each name. */
function listedErrors(errors: readonly FieldError[]): FieldError[] {
  return errors
    .slice(0, MAX_LISTED_ERRORS)
    .map((error) => ({ field: boundedName(error.field), message: error.message }));
}

/**
 * The RFC 9457 body of a problem, with a fixed member order so the same problem is the same bytes
 * wherever it is rendered: by a function, by the local gateway, or by the deployed gateway's templates.
 * A validation problem lists at most {@link MAX_LISTED_ERRORS} of its errors and counts them all in
 * `error_count`.
 */
export function problemBody(
  kind: ProblemKind,
  detail: string,
  context: { instance?: string; requestId?: string; errors?: readonly FieldError[] } = {},
): ProblemBody {
  const { status, title } = problemTypes[kind];
  return {
    type: problemTypeUri(kind),
    title,
    status,
    detail,
    ...(context.instance !== undefined ? { instance: context.instance } : {}),
    ...(context.requestId !== undefined ? { request_id: context.requestId } : {}),
    // Bounded, so a body of 6 500 unknown keys cannot turn into an answer several times its size.
    ...(context.errors !== undefined
      ? { errors: listedErrors(context.errors), error_count: context.errors.length }
      : {}),
  };
}
