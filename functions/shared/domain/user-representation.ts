import type { ApiVersion } from './api-version';
import { link } from './links';
import type { UserV1, UserV2 } from './response-schemas';
import type { User } from './user-schemas';

/** A user as v1 clients see it; v2 adds links to the user and their tasks. */
export function representUser(user: User, version: ApiVersion): UserV1 | UserV2 {
  const body = { id: user.id, email: user.email, name: user.name, created_at: user.created_at };
  if (version === 'v1') return body;
  return { ...body, links: [link('self', `/${version}/users/me`), link('tasks', `/${version}/tasks`)] };
}
