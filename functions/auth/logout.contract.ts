import type { RouteContract } from '../shared/http/route-contract';

/**
 * `POST /auth/logout`: revokes every access token of the caller issued up to now (204). The gateway refuses
 * a revoked token once its cached authorizer answer expires (at most `resultsCacheTtlSeconds`); functions
 * that read the profile refuse it at once.
 */
export const logoutContract = {
  id: 'Logout',
  method: 'POST',
  path: '/auth/logout',
  entry: 'functions/auth/logout.ts',
  summary: 'Log out: revoke every token issued so far',
  description:
    'Revokes every access token of the caller issued up to now, on every device. `/users/me` and logout refuse a revoked token at once; the gateway refuses it once its cached check of that token expires, at most 300 seconds later. Log in again for a new token.',
  tag: 'Auth',
  auth: 'jwt',
  apiKey: true,
  cache: 'no-store',
  responses: [{ status: 204, description: 'Every token of the user issued up to now is revoked' }],
  metrics: { success: 'Logouts' },
  // One conditional UpdateItem on the profile.
  access: { tables: { tasks: { actions: ['UpdateItem'] } } },
} as const satisfies RouteContract;
