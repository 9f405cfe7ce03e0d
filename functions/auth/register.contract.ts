import { PASSWORD_HASHING_MEMORY_MB } from '../shared/auth/passwords';
import { RegisterBodySchema } from '../shared/domain/user-schemas';
import type { RouteContract } from '../shared/http/route-contract';

/** `POST /auth/register`: a new account; 5 per minute per client IP. */
export const registerContract = {
  id: 'Register',
  method: 'POST',
  path: '/auth/register',
  entry: 'functions/auth/register.ts',
  summary: 'Create an account',
  description:
    'Creates an account. The email is case-insensitive and unique (`409 email-taken` when it is registered); the password is 8..128 characters and stored only as a salted scrypt hash. Limited to 5 requests per minute per client IP (`RateLimit` headers on every answer, `429` + `Retry-After` past it). `Location` points at `/users/me`.',
  tag: 'Auth',
  auth: 'none',
  apiKey: true,
  cache: 'no-store',
  memoryMb: PASSWORD_HASHING_MEMORY_MB,
  rateLimit: { name: 'register', limit: 5, windowSeconds: 60 },
  request: { body: { schema: { v1: RegisterBodySchema, v2: RegisterBodySchema } } },
  responses: [{ status: 201, description: 'The new user', body: 'User', headers: ['Location'] }],
  errors: ['email-taken'],
  metrics: { success: 'Registrations' },
  access: {
    tables: {
      // The email claim and the profile, two puts in one transaction.
      tasks: { actions: ['PutItem'] },
      rateLimits: { actions: ['UpdateItem'] },
    },
  },
} as const satisfies RouteContract;
