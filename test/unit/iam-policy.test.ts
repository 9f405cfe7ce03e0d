import { parsePolicy, policyAllows } from '../../lib/local/iam-policy';

const arn = 'arn:aws:execute-api:us-east-1:123456789012:local/v1/GET/tasks/01J';
const policy = (...statements: unknown[]) =>
  parsePolicy({ Version: '2012-10-17', Statement: statements }) ?? [];

describe('authorizer policy evaluation', () => {
  it('allows what an Allow statement matches, with wildcards', () => {
    expect(
      policyAllows(
        policy({
          Effect: 'Allow',
          Action: 'execute-api:Invoke',
          Resource: 'arn:aws:execute-api:us-east-1:123456789012:local/*',
        }),
        arn,
      ),
    ).toBe(true);
    expect(policyAllows(policy({ Effect: 'Allow', Action: ['execute-api:*'], Resource: [arn] }), arn)).toBe(
      true,
    );
  });

  it('denies what no statement allows, and an explicit Deny wins', () => {
    expect(
      policyAllows(
        policy({
          Effect: 'Allow',
          Action: 'execute-api:Invoke',
          Resource: 'arn:aws:execute-api:us-east-1:123456789012:local/v2/*',
        }),
        arn,
      ),
    ).toBe(false);
    expect(
      policyAllows(
        policy(
          { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' },
          { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: '*/GET/*' },
        ),
        arn,
      ),
    ).toBe(false);
  });

  it('rejects documents that are not policies', () => {
    expect(parsePolicy(undefined)).toBeUndefined();
    expect(parsePolicy({ Statement: [{ Effect: 'Maybe', Action: 'x', Resource: '*' }] })).toBeUndefined();
    expect(parsePolicy({ Statement: [{ Effect: 'Allow', Resource: '*' }] })).toBeUndefined();
  });
});
