import { problemTypes, problemTypeUri, type ProblemKind } from './problem-types';
import type { FieldError } from './problem-error';
import { PROBLEM_CONTENT_TYPE, type ApiResponse } from './response';

/** The RFC 9457 body every error carries; `errors` only on validation failures. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  request_id?: string;
  errors?: readonly FieldError[];
}

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
    ...(context.errors !== undefined ? { errors: context.errors } : {}),
  };
}

export function problemResponse(body: ProblemBody, headers: Record<string, string> = {}): ApiResponse {
  return {
    statusCode: body.status,
    headers: { ...headers, 'Content-Type': PROBLEM_CONTENT_TYPE },
    body: JSON.stringify(body),
  };
}
