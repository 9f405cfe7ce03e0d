import { issueAccessToken } from '../shared/auth/access-tokens';
import { LOGIN_THROTTLE, lockSecondsAfter } from '../shared/auth/login-throttle';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from '../shared/auth/passwords';
import { clock } from '../shared/config/clock';
import { loginFailures } from '../shared/data/login-failures';
import { userRepository } from '../shared/data/user-repository';
import { ProblemError } from '../shared/errors/problem-error';
import type { ApiRequest } from '../shared/http/api-context';
import { httpHandler } from '../shared/http/http-handler';
import { clientIpRateLimit } from '../shared/http/middleware/client-ip-rate-limit';
import { json, type ApiResponse } from '../shared/http/response';
import { loginContract } from './login.contract';

/**
 * A bearer token for valid credentials. Unknown email and wrong password get the same 401 after the same
 * work (a decoy hash is verified), so neither the answer nor its timing reveals accounts. Guessing on one
 * email is throttled whatever the client IP (`login-throttle.ts`), registered or not: the attempt is
 * counted before the password is checked, so concurrent guesses cannot slip past the limit.
 */
async function login({ body }: ApiRequest<typeof loginContract>): Promise<ApiResponse> {
  const email = body.email.trim().toLowerCase();
  const now = clock.now();
  const [claim, credentials] = await Promise.all([
    loginFailures.claim(email, LOGIN_THROTTLE.freeAttempts, now),
    userRepository.credentials(email),
  ]);
  if (!claim.allowed) {
    const waitSeconds = Math.max(1, Math.ceil(((claim.lockedUntil ?? now) - now) / 1000));
    throw new ProblemError('login-throttled', 'Too many failed logins for this email; wait and retry', {
      headers: { 'Retry-After': String(waitSeconds) },
    });
  }
  const storedHash = credentials?.passwordHash ?? (await decoyHash());
  const valid = await verifyPassword(body.password, storedHash);
  if (!credentials || !valid) {
    const lockSeconds = lockSecondsAfter(claim.attempts);
    if (lockSeconds > 0) await loginFailures.lock(email, now + lockSeconds * 1000);
    throw new ProblemError('unauthorized', 'Email or password is incorrect', {
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  }
  await Promise.all([
    loginFailures.reset(email),
    // A hash made at an older cost is replaced while the password is at hand.
    needsRehash(storedHash)
      ? userRepository.replacePasswordHash(email, storedHash, await hashPassword(body.password))
      : undefined,
  ]);
  const { token, expiresIn } = await issueAccessToken(credentials.userId);
  return json(200, { access_token: token, token_type: 'Bearer', expires_in: expiresIn });
}

export const handler = httpHandler(loginContract, login, { rateLimiter: clientIpRateLimit });
