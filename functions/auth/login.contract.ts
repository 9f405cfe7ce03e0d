import { PASSWORD_HASHING_MEMORY_MB } from '../shared/auth/passwords';
import { LoginBodySchema } from '../shared/domain/user-schemas';
import type { RouteContract } from '../shared/http/route-contract';

/**
 * `POST /auth/login`: a bearer token for valid credentials; 10 per minute per client IP, and 5 consecutive
 * failures per email before the email is throttled (whatever the IP).
 */
export const loginContract = {
  id: 'Login',
  method: 'POST',
  path: '/auth/login',
  entry: 'functions/auth/login.ts',
  summary: 'Log in for a bearer token',
  description:
    'Exchanges email and password for a bearer access token (an HS256 JWT, valid `expires_in` seconds). An unknown email and a wrong password get the same `401` after the same work. Limited to 10 requests per minute per client IP, and per account: after 5 consecutive failures for one email, further attempts get `429 login-throttled` for 30 seconds, doubling per failure up to 15 minutes, whatever the client IP.',
  tag: 'Auth',
  auth: 'none',
  apiKey: true,
  cache: 'no-store',
  memoryMb: PASSWORD_HASHING_MEMORY_MB,
  rateLimit: { name: 'login', limit: 10, windowSeconds: 60 },
  request: { body: { schema: { v1: LoginBodySchema, v2: LoginBodySchema } } },
  responses: [{ status: 200, description: 'A bearer access token', body: 'Token' }],
  errors: ['unauthorized', 'login-throttled'],
  metrics: {
    success: 'LoginsSucceeded',
    unauthorized: 'LoginsFailed',
    'login-throttled': 'AccountLoginLimitHits',
  },
  access: {
    tables: {
      // The email item (credentials), and its re-hash at a higher cost.
      tasks: { actions: ['GetItem', 'UpdateItem'] },
      // The per-IP window counter and the per-email failure record (claimed, locked, deleted on success).
      rateLimits: { actions: ['UpdateItem', 'DeleteItem'] },
    },
    keySets: ['token'],
  },
} as const satisfies RouteContract;
