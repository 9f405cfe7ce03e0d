import type { ProblemBody } from '../errors/problem-schema';
import { PROBLEM_CONTENT_TYPE, type ApiResponse } from './response';

/** A problem+json response: the body's status is the HTTP status. */
export function problemResponse(body: ProblemBody, headers: Record<string, string> = {}): ApiResponse {
  return {
    statusCode: body.status,
    headers: { ...headers, 'Content-Type': PROBLEM_CONTENT_TYPE },
    body: JSON.stringify(body),
  };
}
