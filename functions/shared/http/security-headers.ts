/**
 * Sent on every response, by the functions and by the gateway's own answers alike: HTTPS only for two
 * years (subdomains included), and no content-type sniffing.
 */
export const SECURITY_HEADERS = {
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
} as const;
