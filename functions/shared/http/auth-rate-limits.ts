import type { RateLimitPolicy } from './middleware/rate-limit';

/** Per-client-IP limits on the auth endpoints (API.md: register 5/min, login 10/min). */
export const authRateLimits = {
  register: { name: 'register', limit: 5, windowSeconds: 60 },
  login: { name: 'login', limit: 10, windowSeconds: 60 },
} as const satisfies Record<string, RateLimitPolicy>;
