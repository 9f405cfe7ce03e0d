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
  tag: 'Auth',
  auth: 'none',
  apiKey: true,
  cache: 'no-store',
  rateLimit: { name: 'login', limit: 10, windowSeconds: 60 },
  request: { body: { schema: { v1: LoginBodySchema, v2: LoginBodySchema } } },
  responses: [{ status: 200, description: 'A bearer access token', body: 'Token' }],
  errors: ['unauthorized', 'login-throttled'],
  metrics: {
    success: 'LoginsSucceeded',
    unauthorized: 'LoginsFailed',
    'login-throttled': 'AccountLoginLimitHits',
  },
  access: { tables: { tasks: 'readwrite', rateLimits: 'readwrite' }, keySets: ['token'] },
} as const satisfies RouteContract;
