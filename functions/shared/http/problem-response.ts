import type { z } from 'zod';
import type { ProblemSchema } from './problem-schema';
import { problemTypes, problemTypeUri, type ProblemKind } from './problem-types';
import type { FieldError } from './problem-error';
import { PROBLEM_CONTENT_TYPE, type ApiResponse } from './response';

/** The RFC 9457 body every error carries (its schema lives apart, so no function loads zod to answer errors). */
export type ProblemBody = z.infer<typeof ProblemSchema>;

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

export function problemResponse(body: ProblemBody, headers: Record<string, string> = {}): ApiResponse {
  return {
    statusCode: body.status,
    headers: { ...headers, 'Content-Type': PROBLEM_CONTENT_TYPE },
    body: JSON.stringify(body),
  };
}
