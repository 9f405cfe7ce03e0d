/**
 * The 405 answer for a known resource called with a method it does not have. API Gateway has no gateway
 * response for this, so the deployed stack answers it with an `ANY` MOCK method (API key required) whose
 * integration response renders {@link methodNotAllowedTemplate}; the local gateway renders the same body
 * with {@link renderMethodNotAllowed}. One builder, free of CDK, so both send the same bytes.
 */
import { problemBody } from '../../functions/shared/errors/problem-body';
import { problemTypes } from '../../functions/shared/errors/problem-types';
import { GATEWAY_COMMON_HEADERS, REQUEST_ID } from './gateway-responses';

const { status } = problemTypes['method-not-allowed'];

/**
 * Request content types the MOCK has a request template for. API Gateway refuses a request whose
 * Content-Type has no template (passthrough NEVER) before the mock answers: a 415, which the deployed
 * gateway responses render as DEFAULT_4XX. A request without a Content-Type uses the JSON template.
 */
export const METHOD_NOT_ALLOWED_CONTENT_TYPES = ['application/json', 'application/merge-patch+json'] as const;

/** The `Allow` header value: the resource's methods in route-table order. */
export function allowHeader(allow: readonly string[]): string {
  return allow.join(', ');
}

/** The problem+json body template; `$context.requestId` is filled in by the gateway (VTL on AWS). */
export function methodNotAllowedTemplate(allow: readonly string[]): string {
  return JSON.stringify(
    problemBody('method-not-allowed', `Allowed methods: ${allowHeader(allow)}`, { requestId: REQUEST_ID }),
  );
}

/** The full 405 response, rendered locally with the local request's id. */
export function renderMethodNotAllowed(
  allow: readonly string[],
  requestId: string,
): { statusCode: number; headers: Record<string, string>; body: string } {
  return {
    statusCode: status,
    headers: { ...GATEWAY_COMMON_HEADERS, Allow: allowHeader(allow) },
    body: methodNotAllowedTemplate(allow).replace(REQUEST_ID, requestId),
  };
}

/** Whether the MOCK can take a request with this Content-Type header (absent is fine). */
export function mockAcceptsContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return (METHOD_NOT_ALLOWED_CONTENT_TYPES as readonly string[]).includes(mediaType);
}
