import type { FieldError } from './problem-error';
import type { ProblemBody } from './problem-schema';
import { problemTypes, problemTypeUri, type ProblemKind } from './problem-types';

/**
 * The RFC 9457 body of a problem, with a fixed member order so the same problem is the same bytes
 * wherever it is rendered: by a function, by the local gateway, or by the deployed gateway's templates.
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
    ...(context.errors !== undefined ? { errors: [...context.errors] } : {}),
  };
}
