import { UserV1Schema, UserV2Schema } from '../shared/domain/user-representation';
import { userRepository } from '../shared/data/user-repository';
import { representUser } from '../shared/domain/user-representation';
import { httpHandler } from '../shared/http/http-handler';
import { notFound } from '../shared/http/problem-error';
import { json } from '../shared/http/response';

/** `GET /users/me`: the authenticated user's profile. */
export const handler = httpHandler(
  {
    auth: true,
    cache: 'no-store',
    success: { status: 200, body: { v1: UserV1Schema, v2: UserV2Schema }, description: 'The caller' },
  },
  async ({ userId, version }) => {
    const user = await userRepository.get(userId);
    if (!user) throw notFound('User');
    return json(200, representUser(user, version));
  },
);
