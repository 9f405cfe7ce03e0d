import { clock } from '../shared/config/clock';
import { sessions } from '../shared/data/sessions';
import { ProblemError } from '../shared/errors/problem-error';
import type { ApiRequest } from '../shared/http/api-context';
import { httpHandler } from '../shared/http/http-handler';
import { noContent, type ApiResponse } from '../shared/http/response';
import { logoutContract } from './logout.contract';

/**
 * 204: every token of the user issued up to now is revoked, this one included. A token that is already
 * revoked (its policy still cached by the gateway) is a 401 here, so it cannot log out sessions opened since.
 */
async function logout({ userId, tokenIssuedAt }: ApiRequest<typeof logoutContract>): Promise<ApiResponse> {
  if (!(await sessions.revokeAll(userId, tokenIssuedAt, clock.now()))) {
    throw new ProblemError('unauthorized', 'This token was already revoked; log in again', {
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    });
  }
  return noContent();
}

export const handler = httpHandler(logoutContract, logout);
