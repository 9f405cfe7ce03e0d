import type { RouteContract } from '../shared/http/route-contract';

/** `GET /users/me`: the authenticated user's profile. */
export const getMeContract = {
  id: 'GetMe',
  method: 'GET',
  path: '/users/me',
  entry: 'functions/users/me.ts',
  summary: 'Get the authenticated user',
  description: 'The account the bearer token belongs to.',
  tag: 'Users',
  auth: 'jwt',
  apiKey: true,
  cache: 'no-store',
  responses: [{ status: 200, description: 'The caller', body: 'User' }],
  errors: ['not-found'],
  access: { tables: { tasks: 'read' } },
} as const satisfies RouteContract;
