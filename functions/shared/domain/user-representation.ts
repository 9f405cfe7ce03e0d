import { z } from 'zod';
import type { ApiVersion } from './api-version';
import { link, LinkSchema } from './links';
import { UserSchema, type User } from './user-schemas';

/** A user as v1 clients see it; v2 adds links to the user and their tasks. */
export const UserV1Schema = UserSchema;
export const UserV2Schema = UserSchema.extend({ links: z.array(LinkSchema) });

export function representUser(
  user: User,
  version: ApiVersion,
): z.infer<typeof UserV1Schema> | z.infer<typeof UserV2Schema> {
  const body = { id: user.id, email: user.email, name: user.name, created_at: user.created_at };
  if (version === 'v1') return body;
  return { ...body, links: [link('self', `/${version}/users/me`), link('tasks', `/${version}/tasks`)] };
}
