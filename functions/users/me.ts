import { userRepository } from '../shared/data/user-repository';
import { representUser } from '../shared/domain/user-representation';
import { notFound } from '../shared/errors/problem-error';
import type { ApiRequest } from '../shared/http/api-context';
import { httpHandler } from '../shared/http/http-handler';
import { json, type ApiResponse } from '../shared/http/response';
import { getMeContract } from './me.contract';

/** The authenticated user's profile. */
async function getMe({ userId, version }: ApiRequest<typeof getMeContract>): Promise<ApiResponse> {
  const user = await userRepository.get(userId);
  if (!user) throw notFound('User');
  return json(200, representUser(user, version));
}

export const handler = httpHandler(getMeContract, getMe);
