import { hashPassword } from '../shared/auth/passwords';
import { clock } from '../shared/config/clock';
import { userRepository } from '../shared/data/user-repository';
import { newId } from '../shared/domain/ids';
import { representUser } from '../shared/domain/user-representation';
import type { ApiRequest } from '../shared/http/api-context';
import { httpHandler } from '../shared/http/http-handler';
import { clientIpRateLimit } from '../shared/http/middleware/client-ip-rate-limit';
import { json, type ApiResponse } from '../shared/http/response';
import { registerContract } from './register.contract';

/** Creates a user; the email is unique (case-insensitive), the password scrypt-hashed. */
async function register({ body, version }: ApiRequest<typeof registerContract>): Promise<ApiResponse> {
  const user = {
    id: newId(clock.now()),
    email: body.email,
    name: body.name ?? null,
    created_at: new Date(clock.now()).toISOString(),
  };
  await userRepository.create(user, await hashPassword(body.password));
  return json(201, representUser(user, version), { Location: `/${version}/users/me` });
}

export const handler = httpHandler(registerContract, register, { rateLimiter: clientIpRateLimit });
