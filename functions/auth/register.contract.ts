import { RegisterBodySchema } from '../shared/domain/user-schemas';
import type { RouteContract } from '../shared/http/route-contract';

/** `POST /auth/register`: a new account; 5 per minute per client IP. */
export const registerContract = {
  id: 'Register',
  method: 'POST',
  path: '/auth/register',
  entry: 'functions/auth/register.ts',
  summary: 'Create an account',
  tag: 'Auth',
  auth: 'none',
  apiKey: true,
  cache: 'no-store',
  rateLimit: { name: 'register', limit: 5, windowSeconds: 60 },
  request: { body: { schema: { v1: RegisterBodySchema, v2: RegisterBodySchema } } },
  responses: [{ status: 201, description: 'The new user', body: 'User', headers: ['Location'] }],
  errors: ['email-taken'],
  metrics: { success: 'Registrations' },
  access: { tables: { tasks: 'readwrite', rateLimits: 'readwrite' } },
} as const satisfies RouteContract;
