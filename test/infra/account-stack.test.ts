import { BOOTSTRAP_QUALIFIER_CONTEXT } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  ACCOUNT_STACK_NAME,
  diffEnvironment,
  environments,
  promotionOrder,
} from '../../lib/config/environments';
import { AccountStack, GITHUB_OIDC_ISSUER, type AccountStackProps } from '../../lib/infra/account-stack';
import { logicalIdOf, onlyResourceOfType, resourcesOfType, testApp } from './synth';

const REPOSITORY = 'example-org/task-api';

/** The account stack as bin/app.ts builds it, with the GitHub repository configured unless told otherwise. */
function synthesizeAccount(props: Partial<AccountStackProps> = {}, context: Record<string, unknown> = {}) {
  const stack = new AccountStack(testApp(context), ACCOUNT_STACK_NAME, {
    githubRepository: REPOSITORY,
    deployEnvironments: promotionOrder,
    diffStackName: environments[diffEnvironment].stackName,
    ...props,
  });
  return { stack, template: Template.fromStack(stack) };
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: Record<string, unknown>;
  Condition?: Record<string, Record<string, unknown>>;
}

const statementsOf = (document: unknown) => (document as { Statement: Statement[] }).Statement;
const joined = (value: unknown) => JSON.stringify(value);

describe('account stack', () => {
  const { stack, template } = synthesizeAccount();
  const roleProps = (id: string) =>
    (template.findResources('AWS::IAM::Role') as Record<string, { Properties: Record<string, unknown> }>)[id]!
      .Properties;
  const policiesOf = (roleId: string) =>
    resourcesOfType(template, 'AWS::IAM::Policy')
      .filter(([, policy]) => joined(policy.Roles).includes(`"${roleId}"`))
      .flatMap(([, policy]) => statementsOf(policy.PolicyDocument));

  it("sets API Gateway's CloudWatch Logs role for the account and region, and keeps both when deleted", () => {
    const [accountId, account] = onlyResourceOfType(template, 'AWS::ApiGateway::Account');
    const roleId = logicalIdOf(stack.apiGatewayLoggingRole);
    expect(account.CloudWatchRoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    expect(joined(roleProps(roleId).AssumeRolePolicyDocument)).toContain('apigateway.amazonaws.com');
    expect(joined(roleProps(roleId).ManagedPolicyArns)).toContain('AmazonAPIGatewayPushToCloudWatchLogs');
    const all = template.toJSON().Resources as Record<string, { DeletionPolicy?: string }>;
    expect([all[accountId]?.DeletionPolicy, all[roleId]?.DeletionPolicy]).toEqual(['Retain', 'Retain']);
  });

  it("registers GitHub Actions' OIDC issuer for the STS audience, with no thumbprint to go stale", () => {
    const [, provider] = onlyResourceOfType(template, 'AWS::IAM::OIDCProvider');
    expect(provider).toMatchObject({
      Url: `https://${GITHUB_OIDC_ISSUER}`,
      ClientIdList: ['sts.amazonaws.com'],
    });
    expect(provider.ThumbprintList).toBeUndefined();
  });

  it("trusts the deploy role to this repository's deploy-environment jobs only, through the GitHub provider", () => {
    const [trust, ...others] = statementsOf(
      roleProps(logicalIdOf(stack.deployRole!)).AssumeRolePolicyDocument,
    );
    expect(others).toEqual([]);
    expect(trust).toMatchObject({
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: { Ref: expect.stringMatching(/^GitHubOidcProvider/) } },
      Condition: {
        StringEquals: {
          [`${GITHUB_OIDC_ISSUER}:aud`]: 'sts.amazonaws.com',
          [`${GITHUB_OIDC_ISSUER}:sub`]: promotionOrder.map(
            (name) => `repo:${REPOSITORY}:environment:${name}`,
          ),
        },
      },
    });
  });

  it('lets the deploy role do one thing: assume the CDK bootstrap deploy, file-publishing and lookup roles', () => {
    const roleId = logicalIdOf(stack.deployRole!);
    const statements = policiesOf(roleId);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Effect: 'Allow', Action: 'sts:AssumeRole' });
    const resources = statements[0]!.Resource as unknown[];
    expect(resources).toHaveLength(3);
    for (const kind of ['deploy', 'file-publishing', 'lookup'])
      expect(resources.some((arn) => joined(arn).includes(`:role/cdk-hnb659fds-${kind}-role-`))).toBe(true);
    expect(joined(resources)).not.toContain('*');
    expect(roleProps(roleId).ManagedPolicyArns).toBeUndefined();
  });

  it("lets pull-request jobs read the diff environment's deployed template, and nothing else", () => {
    const roleId = logicalIdOf(stack.diffRole!);
    const [trust] = statementsOf(roleProps(roleId).AssumeRolePolicyDocument);
    expect(trust?.Condition?.StringEquals?.[`${GITHUB_OIDC_ISSUER}:sub`]).toEqual([
      `repo:${REPOSITORY}:pull_request`,
    ]);
    const statements = policiesOf(roleId);
    expect(statements).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: 'cloudformation:GetTemplate' }),
    ]);
    expect(joined(statements[0]?.Resource)).toContain(`:stack/${environments[diffEnvironment].stackName}/*`);
  });

  it('names the roles a GitHub admin copies into the repository variables', () => {
    const outputs = template.findOutputs('*') as Record<string, { Description: string }>;
    expect(outputs.GitHubDeployRoleArn?.Description).toContain('AWS_DEPLOY_ROLE_ARN');
    expect(outputs.GitHubDiffRoleArn?.Description).toContain('AWS_DIFF_ROLE_ARN');
  });

  it('follows a custom CDK bootstrap qualifier', () => {
    const custom = synthesizeAccount({}, { [BOOTSTRAP_QUALIFIER_CONTEXT]: 'custom123' });
    const policy = resourcesOfType(custom.template, 'AWS::IAM::Policy').find(([, p]) =>
      joined(p.PolicyDocument).includes('sts:AssumeRole'),
    );
    expect(joined(policy?.[1].PolicyDocument)).toContain(':role/cdk-custom123-deploy-role-');
  });

  it("reuses the account's GitHub provider when given its ARN (IAM allows one per issuer)", () => {
    const arn = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const reusing = synthesizeAccount({ githubOidcProviderArn: arn });
    expect(resourcesOfType(reusing.template, 'AWS::IAM::OIDCProvider')).toEqual([]);
    const trust = statementsOf(
      resourcesOfType(reusing.template, 'AWS::IAM::Role').find(([id]) =>
        id.startsWith('GitHubDeployRole'),
      )?.[1].AssumeRolePolicyDocument,
    );
    expect(trust[0]?.Principal).toEqual({ Federated: arn });
  });

  it('grants no GitHub access at all until a repository is configured', () => {
    const bare = synthesizeAccount({ githubRepository: undefined });
    expect(resourcesOfType(bare.template, 'AWS::IAM::OIDCProvider')).toEqual([]);
    expect(resourcesOfType(bare.template, 'AWS::IAM::Role').map(([id]) => id)).toEqual([
      logicalIdOf(bare.stack.apiGatewayLoggingRole),
    ]);
    expect(resourcesOfType(bare.template, 'AWS::ApiGateway::Account')).toHaveLength(1);
  });

  it.each(['task-api', 'org/repo:environment:prod', 'org/*', ''])(
    'refuses a repository that is not owner/name: "%s"',
    (repository) => {
      expect(() => synthesizeAccount({ githubRepository: repository })).toThrow(/must be "owner\/name"/);
    },
  );
});
