import { userKeys, type ItemKey } from './user-entity';

/**
 * The user's sessions, as stored: one attribute on the profile item, the instant (epoch ms) up to which every
 * access token issued to the user is revoked (set by logout). On the profile item, so reading the profile
 * (`GET /users/me`) checks it for free, and the authorizer reads it with one GetItem.
 */
export const SESSION_ATTRIBUTES = { revokedThrough: 'tokens_revoked_through' } as const;

export const sessionKey = (userId: string): ItemKey => userKeys.profile(userId);

/** Whether a token issued at `issuedAtMs` is revoked by a stored `revokedThrough` (absent: nothing is). */
export const isRevoked = (issuedAtMs: number, revokedThrough: unknown): boolean =>
  typeof revokedThrough === 'number' && issuedAtMs <= revokedThrough;
