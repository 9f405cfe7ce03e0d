import { originAllowed, type CorsOrigins } from '../config/cors-origins';
import { RESPONSE_HEADER_NAMES } from './response-headers';

/**
 * What a browser may do across origins, the same for every route, the functions and the gateways alike:
 * the request headers a preflight allows, the response headers scripts may read, and how long a browser
 * may cache a preflight.
 */

/** Request headers a cross-origin request may carry: every header a route reads (a test checks it). */
export const CORS_ALLOW_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  'if-match',
  'if-none-match',
  'x-api-key',
] as const;

/**
 * Response headers scripts may read besides the CORS-safelisted ones (Content-Type, Cache-Control, …): every
 * header a route promises, `Allow` from the 405 answers, and the version headers v1 answers carry.
 */
export const CORS_EXPOSE_HEADERS: readonly string[] = [
  ...new Set<string>([...RESPONSE_HEADER_NAMES, 'Allow', 'Deprecation', 'Link', 'Sunset']),
];

/** How long a browser may reuse a preflight's answer: Chromium's ceiling (Firefox allows a day). */
export const CORS_MAX_AGE_SECONDS = 7200;

export const CORS_HEADER = {
  allowOrigin: 'Access-Control-Allow-Origin',
  exposeHeaders: 'Access-Control-Expose-Headers',
  allowMethods: 'Access-Control-Allow-Methods',
  allowHeaders: 'Access-Control-Allow-Headers',
  maxAge: 'Access-Control-Max-Age',
} as const;

/**
 * The CORS headers of a function's answer to a request from `origin` (the request's `Origin`, if any).
 * `*`: every answer may be read from anywhere. A list: the origin is echoed when listed, and `Vary: Origin`
 * tells caches the answer depends on it, listed or not. No credentials are involved (the API reads bearer
 * tokens, never cookies), so `Access-Control-Allow-Credentials` is never sent.
 */
export function corsResponseHeaders(
  origins: CorsOrigins,
  origin: string | undefined,
): Record<string, string> {
  if (origins.kind === 'off') return {};
  const vary: Record<string, string> = origins.kind === 'list' ? { Vary: 'Origin' } : {};
  if (!originAllowed(origins, origin)) return vary;
  return {
    ...vary,
    [CORS_HEADER.allowOrigin]: origins.kind === 'any' ? '*' : (origin ?? ''),
    [CORS_HEADER.exposeHeaders]: CORS_EXPOSE_HEADERS.join(', '),
  };
}
