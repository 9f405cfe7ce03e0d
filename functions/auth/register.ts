import { UserV1Schema, UserV2Schema } from '../shared/domain/user-representation';
import { hashPassword } from '../shared/auth/passwords';
import { clock } from '../shared/config/clock';
import { newId } from '../shared/domain/ids';
import { userRepository } from '../shared/data/user-repository';
import { representUser } from '../shared/domain/user-representation';
import { RegisterBodySchema } from '../shared/domain/user-schemas';
import { authRateLimits } from '../shared/http/auth-rate-limits';
import { httpHandler } from '../shared/http/http-handler';
import { json } from '../shared/http/response';

/** `POST /auth/register`: creates a user; the email is unique (case-insensitive), the password scrypt-hashed. */
export const handler = httpHandler(
  {
    auth: false,
    cache: 'no-store',
    rateLimit: authRateLimits.register,
    body: { v1: RegisterBodySchema, v2: RegisterBodySchema },
    success: { status: 201, body: { v1: UserV1Schema, v2: UserV2Schema }, description: 'The new user' },
  },
  async ({ body, version }) => {
    const user = {
      id: newId(clock.now()),
      email: body.email,
      name: body.name ?? null,
      created_at: new Date(clock.now()).toISOString(),
    };
    await userRepository.create(user, await hashPassword(body.password));
    return json(201, representUser(user, version), { Location: `/${version}/users/me` });
  },
);
