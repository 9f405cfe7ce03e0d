import type { ResponseHeaderName } from '../../functions/shared/http/response-headers';

/**
 * What each response header a contract can promise means, as OpenAPI header objects: the one place
 * their meaning and format are written down (the type makes it cover every name).
 */
export const responseHeaders = {
  ETag: {
    description: 'Strong entity tag of the task (`"v<version>"`): send it back in If-None-Match or If-Match',
    schema: { type: 'string' },
  },
  Location: {
    description: 'Where the created resource lives (root-relative URL)',
    schema: { type: 'string' },
  },
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } },
  RateLimit: {
    description: 'IETF httpapi RateLimit: requests remaining (`r`) and seconds until the window resets (`t`)',
    schema: { type: 'string' },
  },
  'RateLimit-Policy': {
    description: 'IETF httpapi RateLimit-Policy: the quota (`q`) per window of `w` seconds',
    schema: { type: 'string' },
  },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
  'X-Request-Id': {
    description:
      'The API Gateway request id; problem bodies carry it as `request_id`: quote it when you report',
    schema: { type: 'string' },
  },
  'WWW-Authenticate': { description: 'The bearer challenge (RFC 6750)', schema: { type: 'string' } },
} as const satisfies Record<ResponseHeaderName, { description: string; schema: Record<string, unknown> }>;
