import type { User } from '../../domain/user-schemas';
import type { tasksTable } from '../table-definitions';

/**
 * The stored user: a profile item in the user's own partition (where their tasks live too), and an
 * email item that claims the address (unique, case-insensitive) and serves login with the password hash.
 */
export type ItemKey = Record<typeof tasksTable.partitionKey | typeof tasksTable.sortKey, string>;

const USER = 'USER#';
const EMAIL = 'EMAIL#';

/** A user's partition: their profile, their tasks and their task counters. */
export const userPartition = (userId: string): string => USER + userId;

export const userKeys = {
  /** A user's profile (id, email, name, created_at). */
  profile: (userId: string): ItemKey => ({ pk: userPartition(userId), sk: 'PROFILE' }),
  /** The uniqueness claim on an email, and the login lookup: carries the user id and password hash. */
  email: (email: string): ItemKey => ({ pk: EMAIL + email.toLowerCase(), sk: 'EMAIL' }),
};

/** The profile item. */
export const toProfileItem = (user: User) => ({ ...userKeys.profile(user.id), ...user });

export function fromProfileItem(item: Record<string, unknown>): User {
  return {
    id: String(item.id),
    email: String(item.email),
    name: (item.name as string | null) ?? null,
    created_at: String(item.created_at),
  };
}

/** What login reads: the user the email belongs to and their password hash. */
export interface Credentials {
  userId: string;
  passwordHash: string;
}

/** The email item's attribute holding the password hash. */
export const PASSWORD_HASH = 'password_hash';

export const toEmailItem = (email: string, credentials: Credentials) => ({
  ...userKeys.email(email),
  user_id: credentials.userId,
  [PASSWORD_HASH]: credentials.passwordHash,
});

export const fromEmailItem = (item: Record<string, unknown>): Credentials => ({
  userId: String(item.user_id),
  passwordHash: String(item[PASSWORD_HASH]),
});
