import { userRepository } from '../shared/data/user-repository';
import { representUser } from '../shared/domain/user-representation';
import { notFound, ProblemError } from '../shared/errors/problem-error';
import type { ApiRequest } from '../shared/http/api-context';
import { httpHandler } from '../shared/http/http-handler';
import { json, type ApiResponse } from '../shared/http/response';
import { getMeContract } from './me.contract';

/**
 * The authenticated user's profile. The profile item also records logout, so a revoked token is refused here
 * at once, even while the gateway still holds the authorizer's cached Allow for it.
 */
async function getMe({
  userId,
  tokenIssuedAt,
  version,
}: ApiRequest<typeof getMeContract>): Promise<ApiResponse> {
  const found = await userRepository.get(userId, tokenIssuedAt);
  if (!found) throw notFound('User');
  if (found.tokenRevoked) throw revokedToken();
  return json(200, representUser(found.user, version));
}

const revokedToken = () =>
  new ProblemError('unauthorized', 'This token was revoked by a logout; log in again', {
    headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
  });

export const handler = httpHandler(getMeContract, getMe);
