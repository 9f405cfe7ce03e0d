/**
 * The response headers a route contract can promise on its answers. Their meaning and format are
 * documented once, in the OpenAPI generator's header catalogue, which must cover every name here.
 */
export const RESPONSE_HEADER_NAMES = [
  'ETag',
  'Location',
  'Retry-After',
  'RateLimit',
  'RateLimit-Policy',
  'Idempotent-Replayed',
  'X-Request-Id',
  'WWW-Authenticate',
  'Content-Security-Policy',
] as const;
export type ResponseHeaderName = (typeof RESPONSE_HEADER_NAMES)[number];
