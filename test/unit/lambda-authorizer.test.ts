import { LocalAuthorizer } from '../../lib/local/lambda-authorizer';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:local/v1/GET/users/me';
const allowAll = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 'execute-api:Invoke',
      Resource: 'arn:aws:execute-api:us-east-1:123456789012:local/*',
    },
  ],
};

function authorizerWith(answer: (token: string) => unknown) {
  const clock = { now: 1_000_000 };
  const calls: string[] = [];
  const authorizer = new LocalAuthorizer({
    functionName: 'Authorizer',
    ttlSeconds: 300,
    now: () => clock.now,
    loadHandler: () =>
      Promise.resolve((event: unknown) => {
        const token = (event as { authorizationToken: string }).authorizationToken;
        calls.push(token);
        return Promise.resolve(answer(token));
      }),
  });
  return { authorizer, clock, calls };
}

describe('local Lambda authorizer', () => {
  it('401s a request without a token, without calling the function', async () => {
    const { authorizer, calls } = authorizerWith(() => ({}));
    await expect(authorizer.authorize(undefined, ARN)).resolves.toMatchObject({
      allowed: false,
      response: 'UNAUTHORIZED',
    });
    await expect(authorizer.authorize('  ', ARN)).resolves.toMatchObject({
      allowed: false,
      response: 'UNAUTHORIZED',
    });
    expect(calls).toEqual([]);
  });

  it('hands the context on as strings, with principalId, and caches it per token for 300 s', async () => {
    const { authorizer, clock, calls } = authorizerWith(() => ({
      principalId: 'u1',
      policyDocument: allowAll,
      context: { userId: 'u1', expiresAt: 42, admin: false },
    }));
    const first = await authorizer.authorize('Bearer a', ARN);
    expect(first).toMatchObject({
      allowed: true,
      context: { principalId: 'u1', userId: 'u1', expiresAt: '42', admin: 'false' },
    });
    clock.now += 299_999;
    await authorizer.authorize('Bearer a', ARN.replace('GET/users/me', 'DELETE/tasks/x'));
    expect(calls).toEqual(['Bearer a']);
    clock.now += 1;
    await authorizer.authorize('Bearer a', ARN);
    await authorizer.authorize('Bearer b', ARN);
    expect(calls).toEqual(['Bearer a', 'Bearer a', 'Bearer b']);
  });

  it('shares one call among concurrent first requests with a token', async () => {
    const { authorizer, calls } = authorizerWith(() => ({ principalId: 'u1', policyDocument: allowAll }));
    await Promise.all([authorizer.authorize('Bearer a', ARN), authorizer.authorize('Bearer a', ARN)]);
    expect(calls).toHaveLength(1);
  });

  it('maps a thrown Unauthorized to 401 and does not cache it', async () => {
    const { authorizer, calls } = authorizerWith(() => {
      throw new Error('Unauthorized');
    });
    await expect(authorizer.authorize('Bearer x', ARN)).resolves.toMatchObject({
      allowed: false,
      response: 'UNAUTHORIZED',
    });
    await authorizer.authorize('Bearer x', ARN);
    expect(calls).toHaveLength(2);
  });

  it('maps other failures and malformed answers to a 5xx, and a policy without the method to ACCESS_DENIED', async () => {
    const crash = authorizerWith(() => {
      throw new TypeError('boom');
    });
    await expect(crash.authorizer.authorize('Bearer x', ARN)).resolves.toMatchObject({
      allowed: false,
      response: 'DEFAULT_5XX',
    });
    const malformed = authorizerWith(() => ({ principalId: 'u1' }));
    await expect(malformed.authorizer.authorize('Bearer x', ARN)).resolves.toMatchObject({
      allowed: false,
      response: 'DEFAULT_5XX',
    });
    const nested = authorizerWith(() => ({
      principalId: 'u1',
      policyDocument: allowAll,
      context: { roles: ['a'] },
    }));
    await expect(nested.authorizer.authorize('Bearer x', ARN)).resolves.toMatchObject({
      allowed: false,
      response: 'DEFAULT_5XX',
    });
    const otherStage = authorizerWith(() => ({
      principalId: 'u1',
      policyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'execute-api:Invoke',
            Resource: 'arn:aws:execute-api:us-east-1:123456789012:local/v2/*',
          },
        ],
      },
    }));
    await expect(otherStage.authorizer.authorize('Bearer x', ARN)).resolves.toMatchObject({
      allowed: false,
      response: 'ACCESS_DENIED',
    });
  });
});
