import { CACHE_CONTROL } from '../../functions/shared/http/middleware/http-context';
import type { ResponseHeaderName } from '../../functions/shared/http/response-headers';
import { SECURITY_HEADERS } from '../../functions/shared/http/security-headers';

/**
 * What each response header of the API means, as OpenAPI header objects: the one place their meaning and
 * format are written down (the type makes it cover every name a contract can promise). `required` is the
 * header's usual presence; an answer where it differs gets a copy with the other value.
 */
export interface HeaderDoc {
  readonly description: string;
  readonly required: boolean;
  readonly schema: Readonly<Record<string, unknown>>;
}

/** Headers every answer carries whoever made it, plus those of functions and of a deprecated version. */
export type CommonHeaderName =
  | 'Cache-Control'
  | 'Strict-Transport-Security'
  | 'X-Content-Type-Options'
  | 'x-amzn-RequestId'
  | 'Access-Control-Allow-Origin'
  | 'Access-Control-Expose-Headers'
  | 'Deprecation'
  | 'Link'
  | 'Sunset'
  | 'Allow';

export type HeaderName = ResponseHeaderName | CommonHeaderName;

const text = (maxLength: number, pattern: string) => ({ type: 'string', maxLength, pattern });
const REQUEST_ID = text(64, '^[A-Za-z0-9-]+$');
const METHOD = '(?:GET|POST|PUT|PATCH|DELETE)';

export const responseHeaders = {
  ETag: {
    description:
      'Strong entity tag of what the answer carries (a task: `"v<version>"`): send it back in If-None-Match or If-Match',
    required: true,
    schema: text(100, '^"[\\x21\\x23-\\x7E]+"$'),
  },
  Location: {
    description: 'Where the created resource lives (root-relative URL)',
    required: true,
    schema: { ...text(2048, '^/'), format: 'uri-reference' },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    required: true,
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86_400 },
  },
  RateLimit: {
    description:
      'IETF httpapi RateLimit of the per-client-IP limit: requests remaining (`r`) and seconds until the window resets (`t`)',
    required: true,
    schema: text(100, '^"[a-z-]+";r=\\d+;t=\\d+$'),
  },
  'RateLimit-Policy': {
    description:
      'IETF httpapi RateLimit-Policy of the per-client-IP limit: the quota (`q`) per window of `w` seconds',
    required: true,
    schema: text(100, '^"[a-z-]+";q=\\d+;w=\\d+$'),
  },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
    required: false,
    schema: { type: 'string', enum: ['true'] },
  },
  'X-Request-Id': {
    description:
      "The request id (API Gateway's), on every answer a function made; problem bodies carry it as `request_id`: quote it when you report",
    required: true,
    schema: REQUEST_ID,
  },
  'WWW-Authenticate': {
    description: 'The bearer challenge (RFC 6750)',
    required: true,
    schema: text(200, '^Bearer(?: .*)?$'),
  },
  'Content-Security-Policy': {
    description: 'What the page may load and call: this origin only',
    required: true,
    schema: text(1000, "^default-src 'none';"),
  },
  'Cache-Control': {
    description:
      "`no-store` on errors and auth answers, `private, no-cache` on task answers, `public` on the reference page's files",
    required: true,
    schema: { type: 'string', enum: [...new Set(['no-store', ...Object.values(CACHE_CONTROL)])] },
  },
  'Strict-Transport-Security': {
    description: 'HTTPS only, for two years, subdomains included',
    required: true,
    schema: { type: 'string', enum: [SECURITY_HEADERS['Strict-Transport-Security']] },
  },
  'X-Content-Type-Options': {
    description: 'No content-type sniffing',
    required: true,
    schema: { type: 'string', enum: [SECURITY_HEADERS['X-Content-Type-Options']] },
  },
  'x-amzn-RequestId': {
    description: "API Gateway's request id, on every answer (the only id on answers the gateway made itself)",
    required: true,
    schema: REQUEST_ID,
  },
  'Access-Control-Allow-Origin': {
    description:
      'CORS: present when the request came from an allowed origin (configuration: any origin locally, none on AWS until a deployer lists some)',
    required: false,
    schema: text(2048, '^(?:\\*|https?://[^\\s/]+)$'),
  },
  'Access-Control-Expose-Headers': {
    description: 'CORS: the response headers a browser script may read, with Access-Control-Allow-Origin',
    required: false,
    schema: text(1024, '^[A-Za-z0-9-]+(?:, *[A-Za-z0-9-]+)*$'),
  },
  Deprecation: {
    description:
      'RFC 9745: this version is deprecated, since the date given as `@<epoch seconds>`; it keeps working until its Sunset',
    required: true,
    schema: text(20, '^@\\d+$'),
  },
  Link: {
    description: 'The same resource in the successor version: `</v2/…>; rel="successor-version"`',
    required: true,
    schema: text(8192, '^<[^>]+>; rel="successor-version"$'),
  },
  Sunset: {
    description: 'RFC 8594: when this version stops answering (an HTTP-date), once a deployer has set one',
    required: false,
    schema: text(29, '^[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$'),
  },
  Allow: {
    description: 'The methods this path has',
    required: true,
    schema: text(64, `^${METHOD}(?:, ${METHOD})*$`),
  },
} as const satisfies Record<HeaderName, HeaderDoc>;
