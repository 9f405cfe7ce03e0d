import { issueAccessToken } from '../shared/auth/access-tokens';
import { decoyHash, verifyPassword } from '../shared/auth/passwords';
import { userRepository } from '../shared/data/user-repository';
import { ProblemError } from '../shared/errors/problem-error';
import type { ApiRequest } from '../shared/http/api-context';
import { httpHandler } from '../shared/http/http-handler';
import { clientIpRateLimit } from '../shared/http/middleware/client-ip-rate-limit';
import { json, type ApiResponse } from '../shared/http/response';
import { loginContract } from './login.contract';

/**
 * A bearer token for valid credentials. Unknown email and wrong password get the same 401 after the same
 * work (a decoy hash is verified), so neither the answer nor its timing reveals accounts.
 */
async function login({ body }: ApiRequest<typeof loginContract>): Promise<ApiResponse> {
  const credentials = await userRepository.credentials(body.email.trim().toLowerCase());
  const valid = await verifyPassword(body.password, credentials?.passwordHash ?? (await decoyHash()));
  if (!credentials || !valid) {
    throw new ProblemError('unauthorized', 'Email or password is incorrect', {
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  }
  const { token, expiresIn } = await issueAccessToken(credentials.userId);
  return json(200, { access_token: token, token_type: 'Bearer', expires_in: expiresIn });
}

export const handler = httpHandler(loginContract, login, { rateLimiter: clientIpRateLimit });
