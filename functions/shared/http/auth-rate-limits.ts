import { perClientIp } from './middleware/rate-limit';

/** Per-client-IP limits on the auth endpoints (API.md: register 5/min, login 10/min). */
export const authRateLimits = {
  register: perClientIp({ name: 'register', limit: 5, windowSeconds: 60 }),
  login: perClientIp({ name: 'login', limit: 10, windowSeconds: 60 }),
};
