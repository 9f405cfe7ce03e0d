/** What every handler returns: API Gateway's proxy result, with the body already serialized. */
export interface ApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A JSON response. Serialized here, so what is sent (and what an idempotency record stores) is exact. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    statusCode,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers },
    body: JSON.stringify(body),
  };
}

/** A text body (an HTML page, a script, a style sheet), sent as UTF-8. */
export function text(
  statusCode: number,
  body: string,
  mediaType: string,
  headers: Record<string, string> = {},
): ApiResponse {
  return { statusCode, headers: { 'Content-Type': `${mediaType}; charset=utf-8`, ...headers }, body };
}

export function noContent(headers: Record<string, string> = {}): ApiResponse {
  return { statusCode: 204, headers, body: '' };
}

export function notModified(etag: string): ApiResponse {
  return { statusCode: 304, headers: { ETag: etag }, body: '' };
}
