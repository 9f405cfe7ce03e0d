import { rateLimitTable } from '../table-definitions';

/**
 * The stored fixed-window rate-limit counter: one item per policy, client IP and window, counting
 * requests, expiring (TTL) shortly after its window ends.
 */
export const rateLimitKey = (policy: string, clientIp: string, windowStart: number): { pk: string } => ({
  pk: `${policy}#${clientIp}#${windowStart}`,
});

/** The counter's attributes. */
export const RATE_LIMIT_ATTRIBUTES = {
  count: 'request_count',
  expiresAt: rateLimitTable.ttlAttribute,
} as const;

/** Kept a minute past its window, then DynamoDB may sweep it. */
export const counterExpiry = (windowEndMs: number): number => Math.ceil(windowEndMs / 1000) + 60;
