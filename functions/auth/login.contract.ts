import { LoginBodySchema } from '../shared/domain/user-schemas';
import type { RouteContract } from '../shared/http/route-contract';

/** `POST /auth/login`: a bearer token for valid credentials; 10 per minute per client IP. */
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
  errors: ['unauthorized'],
  metrics: { success: 'LoginsSucceeded', unauthorized: 'LoginsFailed' },
  access: { tables: { tasks: 'read', rateLimits: 'readwrite' }, signingSecret: true },
} as const satisfies RouteContract;
