import {
  BOOTSTRAP_QUALIFIER_CONTEXT,
  CfnOutput,
  DefaultStackSynthesizer,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/** Context key: `owner/name` of the GitHub repository whose workflows may deploy (in cdk.json or `-c`). */
export const GITHUB_REPOSITORY_CONTEXT_KEY = 'taskApi:githubRepository';
/** Context key: the ARN of the account's existing GitHub OIDC provider, if it has one (IAM allows one). */
export const GITHUB_OIDC_PROVIDER_CONTEXT_KEY = 'taskApi:githubOidcProviderArn';

/** GitHub Actions' OIDC issuer, and the audience `aws-actions/configure-aws-credentials` asks tokens for. */
export const GITHUB_OIDC_ISSUER = 'token.actions.githubusercontent.com';
const STS_AUDIENCE = 'sts.amazonaws.com';

/** The CDK bootstrap roles a deployment assumes: CloudFormation, asset upload, lookups. No image role. */
export const BOOTSTRAP_ROLES_TO_DEPLOY = ['deploy', 'file-publishing', 'lookup'] as const;

export interface AccountStackProps extends StackProps {
  /** `owner/name`; without it the stack holds no GitHub access at all. */
  readonly githubRepository?: string;
  /** Reuse this provider instead of creating one (an account holds one provider per issuer URL). */
  readonly githubOidcProviderArn?: string;
  /** The GitHub environments whose jobs may deploy; only jobs that name one get the deploy role. */
  readonly deployEnvironments: readonly string[];
  /** The stack whose deployed template pull-request jobs may read, to diff a change against it. */
  readonly diffStackName: string;
}

/**
 * What exists once per AWS account and region, whatever the number of environments, so that no
 * environment's stack owns a singleton (two owners overwrite each other; deleting one breaks the rest):
 *
 * - API Gateway's account setting (`AWS::ApiGateway::Account`): the role through which every REST API of
 *   the account and region writes its access logs. Kept when the stack is deleted, because APIs that are
 *   not ours may log through it too.
 * - GitHub Actions access (when a repository is configured): the GitHub OIDC provider (IAM, per account)
 *   and two roles that only GitHub's short-lived tokens can assume, no long-lived keys anywhere:
 *   - the deploy role, for jobs running in a deploy environment (`repo:<r>:environment:<env>`): it may do
 *     nothing but assume the CDK bootstrap roles, which do the deploying;
 *   - the diff role, for pull-request jobs: it may read one stack's deployed template, nothing else.
 */
export class AccountStack extends Stack {
  readonly apiGatewayLoggingRole: iam.Role;
  readonly deployRole?: iam.Role;
  readonly diffRole?: iam.Role;

  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id, {
      description:
        'Task API, once per account and region: API Gateway CloudWatch Logs role, GitHub Actions deploy access (OIDC)',
      ...props,
    });

    this.apiGatewayLoggingRole = new iam.Role(this, 'ApiGatewayLoggingRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: 'Lets API Gateway write REST API access and execution logs to CloudWatch Logs',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs'),
      ],
    });
    this.apiGatewayLoggingRole.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const account = new apigateway.CfnAccount(this, 'ApiGatewayAccount', {
      cloudWatchRoleArn: this.apiGatewayLoggingRole.roleArn,
    });
    account.applyRemovalPolicy(RemovalPolicy.RETAIN);
    new CfnOutput(this, 'ApiGatewayLoggingRoleArn', {
      value: this.apiGatewayLoggingRole.roleArn,
      description: "The account's API Gateway CloudWatch Logs role",
    });

    if (props.githubRepository === undefined) return;
    const repository = validRepository(props.githubRepository);
    const providerArn =
      props.githubOidcProviderArn ??
      new iam.OidcProviderNative(this, 'GitHubOidcProvider', {
        url: `https://${GITHUB_OIDC_ISSUER}`,
        clientIds: [STS_AUDIENCE],
      }).oidcProviderArn;
    const trust = (subjects: string[]) =>
      new iam.WebIdentityPrincipal(providerArn, {
        StringEquals: {
          [`${GITHUB_OIDC_ISSUER}:aud`]: STS_AUDIENCE,
          [`${GITHUB_OIDC_ISSUER}:sub`]: subjects,
        },
      });

    this.deployRole = new iam.Role(this, 'GitHubDeployRole', {
      assumedBy: trust(props.deployEnvironments.map((name) => `repo:${repository}:environment:${name}`)),
      description: `GitHub Actions deploys of ${repository}: may only assume the CDK bootstrap roles`,
      maxSessionDuration: Duration.hours(1),
    });
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: BOOTSTRAP_ROLES_TO_DEPLOY.map((kind) => this.bootstrapRoleArn(kind)),
      }),
    );

    this.diffRole = new iam.Role(this, 'GitHubDiffRole', {
      assumedBy: trust([`repo:${repository}:pull_request`]),
      description: `GitHub Actions pull requests of ${repository}: may only read the ${props.diffStackName} template`,
      maxSessionDuration: Duration.hours(1),
    });
    this.diffRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['cloudformation:GetTemplate'],
        resources: [
          this.formatArn({
            service: 'cloudformation',
            resource: 'stack',
            resourceName: `${props.diffStackName}/*`,
          }),
        ],
      }),
    );

    new CfnOutput(this, 'GitHubDeployRoleArn', {
      value: this.deployRole.roleArn,
      description: 'GitHub variable AWS_DEPLOY_ROLE_ARN (deploy workflow)',
    });
    new CfnOutput(this, 'GitHubDiffRoleArn', {
      value: this.diffRole.roleArn,
      description: 'GitHub variable AWS_DIFF_ROLE_ARN (pull-request diff)',
    });
  }

  /** A CDK bootstrap role of this account and region, under the app's bootstrap qualifier. */
  private bootstrapRoleArn(kind: (typeof BOOTSTRAP_ROLES_TO_DEPLOY)[number]): string {
    const qualifier =
      (this.node.tryGetContext(BOOTSTRAP_QUALIFIER_CONTEXT) as string | undefined) ??
      DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    return this.formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: `cdk-${qualifier}-${kind}-role-${this.account}-${this.region}`,
    });
  }
}

/** `owner/name` as GitHub spells it; anything else would make a trust policy that matches nobody (or worse). */
function validRepository(value: string): string {
  if (!/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(value))
    throw new Error(`${GITHUB_REPOSITORY_CONTEXT_KEY} must be "owner/name", got "${value}"`);
  return value;
}
