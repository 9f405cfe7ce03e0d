import { Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import {
  ACCOUNT_STACK_NAME,
  diffEnvironment,
  environmentNames,
  environments,
  promotionOrder,
  type EnvironmentName,
} from '../../lib/config/environments';
import { AccountStack } from '../../lib/infra/account-stack';
import { CORS_CONTEXT_KEY } from '../../lib/infra/cors';
import { WAF_CONTEXT_KEY } from '../../lib/infra/waf';
import { synthesize, testApp } from './synth';

/**
 * cdk-nag's AWS Solutions rules on every stack the app deploys, in every shape a deployer can give it
 * (each environment; CORS off, any origin, several origins; WAF forced off; the account stack with and
 * without GitHub access): no finding may be left unacknowledged, errors and warnings alike. Each
 * acknowledgment sits next to its construct with its reason (lib/infra/nag.ts); the list of rules
 * acknowledged is pinned here, so a new one is a reviewed change.
 */

/** The findings cdk-nag reports on a stack, as `rule at construct path`. */
function findings(stack: Stack): string[] {
  const report = new AwsSolutionsChecks().validateScope(stack);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map(
      (resource) => `${violation.ruleName} at ${resource.constructPath ?? '?'}`,
    ),
  );
}

/** Every acknowledgment recorded under a scope: rule id → reasons. */
function acknowledgments(scope: IConstruct): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const construct of scope.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, detail] of Object.entries(entry.data as Record<string, unknown>)) {
        const reason = JSON.stringify(detail);
        found.set(id, (found.get(id) ?? new Set()).add(reason));
      }
    }
  }
  return found;
}

const apiShapes: [string, EnvironmentName, Record<string, unknown>][] = [
  ...environmentNames.map(
    (name) => [`${name}, as configured`, name, {}] as [string, EnvironmentName, Record<string, unknown>],
  ),
  ['dev, CORS for any origin', 'dev', { [CORS_CONTEXT_KEY]: '*' }],
  [
    'prod, CORS for two origins',
    'prod',
    { [CORS_CONTEXT_KEY]: 'https://app.example.com,https://admin.example.com' },
  ],
  ['prod, WAF forced off', 'prod', { [WAF_CONTEXT_KEY]: 'false' }],
  ['dev, WAF forced on', 'dev', { [WAF_CONTEXT_KEY]: 'true' }],
];

function accountStack(githubRepository?: string): AccountStack {
  return new AccountStack(testApp(), ACCOUNT_STACK_NAME, {
    githubRepository,
    deployEnvironments: promotionOrder,
    diffStackName: environments[diffEnvironment].stackName,
  });
}

describe('cdk-nag (AWS Solutions rules)', () => {
  it.each(apiShapes)('finds nothing unacknowledged in the API stack: %s', (_shape, environment, context) => {
    const { stack } = synthesize({ environment, context });
    expect(findings(stack)).toEqual([]);
  });

  it.each([
    ['with GitHub access', 'example-org/task-api'],
    ['without GitHub access', undefined],
  ])('finds nothing unacknowledged in the account stack %s', (_shape, repository) => {
    expect(findings(accountStack(repository))).toEqual([]);
  });

  it('acknowledges only these rules, each with a reason of its own', () => {
    const { stack } = synthesize({ environment: 'dev', context: { [CORS_CONTEXT_KEY]: '*' } });
    const acknowledged = new Map([
      ...acknowledgments(stack),
      ...acknowledgments(accountStack('example-org/x')),
    ]);
    expect([...acknowledged.keys()].map((id) => id.replace(/^Annotation::/i, '')).sort()).toEqual(
      [
        // X-Ray's actions (and the rotation schedule's GetRandomPassword) accept only Resource "*".
        'AwsSolutions-IAM5[Resource::*]',
        // Node.js 22 until the CI matrix tests a newer runtime.
        'AwsSolutions-L1',
        // Public routes (health, OpenAPI, register, login) and the MOCK methods (405, preflight).
        'AwsSolutions-APIG4',
        // The API's own JWT authorizer instead of Cognito.
        'AwsSolutions-COG4',
        // dev: no point-in-time recovery, no WAF (the environment's choice).
        'AwsSolutions-DDB3',
        'AwsSolutions-APIG3',
        // AWS-managed service policies: CodeDeploy for Lambda, API Gateway's account logging role.
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        // The pull-request role reads one stack, whose ARN ends in a unique id.
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/TaskApi-staging/*]',
      ].sort(),
    );
    for (const [id, reasons] of acknowledged)
      for (const reason of reasons) expect({ id, reason: reason.length > 60 }).toEqual({ id, reason: true });
  });

  it('still reports what is not acknowledged: a function outside the project constructs fails', async () => {
    // Prepare: a stack with one bare Lambda function, made without the project's constructs.
    const { Function: LambdaFunction, Code, Runtime } = await import('aws-cdk-lib/aws-lambda');
    const stack = new Stack(testApp(), 'Bare');
    new LambdaFunction(stack, 'Bare', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => ({})'),
    });
    // Act + Assert: the basic execution role and the runtime are findings there.
    expect(findings(stack)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AwsSolutions-IAM4\[Policy::.*AWSLambdaBasicExecutionRole\] at Bare\/Bare/),
        expect.stringMatching(/^AwsSolutions-L1 at Bare\/Bare/),
      ]),
    );
  });
});
