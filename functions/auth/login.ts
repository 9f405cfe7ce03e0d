import { AccessTokenSchema } from '../shared/domain/user-schemas';
import { issueAccessToken } from '../shared/auth/access-tokens';
import { decoyHash, verifyPassword } from '../shared/auth/passwords';
import { userRepository } from '../shared/data/user-repository';
import { LoginBodySchema } from '../shared/domain/user-schemas';
import { authRateLimits } from '../shared/http/auth-rate-limits';
import { httpHandler } from '../shared/http/http-handler';
import { ProblemError } from '../shared/http/problem-error';
import { json } from '../shared/http/response';

/**
 * `POST /auth/login`: a bearer token for valid credentials. Unknown email and wrong password get the same
 * 401 after the same work (a decoy hash is verified), so neither the answer nor its timing reveals accounts.
 */
export const handler = httpHandler(
  {
    auth: false,
    cache: 'no-store',
    rateLimit: authRateLimits.login,
    body: { v1: LoginBodySchema, v2: LoginBodySchema },
    success: {
      status: 200,
      body: { v1: AccessTokenSchema, v2: AccessTokenSchema },
      description: 'A bearer access token',
    },
  },
  async ({ body }) => {
    const credentials = await userRepository.credentials(body.email.trim().toLowerCase());
    const valid = await verifyPassword(body.password, credentials?.passwordHash ?? (await decoyHash()));
    if (!credentials || !valid) {
      throw new ProblemError('unauthorized', 'Email or password is incorrect', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
    }
    const { token, expiresIn } = await issueAccessToken(credentials.userId);
    return json(200, { access_token: token, token_type: 'Bearer', expires_in: expiresIn });
  },
);
