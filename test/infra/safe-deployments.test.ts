import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { authorizer, routes, stages } from '../../functions/routes';
import { environmentNames, environments, type EnvironmentName } from '../../lib/config/environments';
import { LIVE_ALIAS } from '../../lib/infra/api-function';
import { deploymentConfig } from '../../lib/infra/safe-deployments';
import { logicalIdOf, onlyResourceOfType, resourcesOfType, synthesize, testApp } from './synth';

/**
 * Safe deployments, for every environment: each function (every route's and the authorizer) is invoked
 * through a `live` alias on a published version; CodeDeploy shifts that alias with the environment's
 * strategy and rolls it back when the function's error or latency alarm fires.
 */
const allRoutes = routes;
const functionIds = [...allRoutes.map((route) => route.id), authorizer.id];

/** What AWS calls each environment's strategy: the promise "canary 10 % for 5 minutes in prod", spelled out. */
const expectedConfigName: Record<EnvironmentName, string> = {
  dev: 'CodeDeployDefault.LambdaAllAtOnce',
  staging: 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute',
  prod: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
};

type Properties = Record<string, unknown>;
interface MetricQuery {
  Id: string;
  Expression?: string;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: unknown }[] };
    Period: number;
    Stat: string;
  };
}

describe.each(environmentNames.map((name) => [name] as const))('safe deployments in %s', (name) => {
  const { stack, template } = synthesize({ environment: name });
  const config = environments[name];
  const aliasOf = (id: string) =>
    id === authorizer.id ? stack.functions.liveAuthorizer : stack.functions.liveByRoute.get(id)!;
  const functionOf = (id: string) =>
    id === authorizer.id ? stack.functions.authorizer : stack.functions.byRoute.get(id)!;
  const raw = (type: string) =>
    template.findResources(type) as Record<string, { Properties: Properties; UpdatePolicy?: Properties }>;

  /** The deployment group that shifts a function's alias, found from the alias's UpdatePolicy. */
  function groupOf(functionId: string): Properties {
    const alias = raw('AWS::Lambda::Alias')[logicalIdOf(aliasOf(functionId))];
    const update = alias?.UpdatePolicy?.CodeDeployLambdaAliasUpdate as {
      DeploymentGroupName: { Ref: string };
    };
    return raw('AWS::CodeDeploy::DeploymentGroup')[update.DeploymentGroupName.Ref]!.Properties;
  }

  function alarmsOf(functionId: string): Properties[] {
    const alarmRefs = (groupOf(functionId).AlarmConfiguration as { Alarms: { Name: { Ref: string } }[] })
      .Alarms;
    const alarms = raw('AWS::CloudWatch::Alarm');
    return alarmRefs.map((ref) => alarms[ref.Name.Ref]!.Properties);
  }

  const metricsOf = (alarm: Properties) =>
    (alarm.Metrics as MetricQuery[]).flatMap((q) => q.MetricStat ?? []);
  const dimension = (stat: NonNullable<MetricQuery['MetricStat']>, dimensionName: string) =>
    stat.Metric.Dimensions.find((d) => d.Name === dimensionName)?.Value;

  it.each(functionIds)('invokes %s through a "live" alias on a published version of that function', (id) => {
    const alias = raw('AWS::Lambda::Alias')[logicalIdOf(aliasOf(id))]!.Properties;
    const functionId = logicalIdOf(functionOf(id));
    expect(alias.Name).toBe(LIVE_ALIAS);
    expect(alias.FunctionName).toEqual({ Ref: functionId });
    const versionId = (alias.FunctionVersion as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    expect(raw('AWS::Lambda::Version')[versionId]?.Properties.FunctionName).toEqual({ Ref: functionId });
  });

  it('lets API Gateway invoke the live aliases only, never a function directly', () => {
    const aliasIds = new Set(functionIds.map((id) => logicalIdOf(aliasOf(id))));
    const apiFunctionIds = new Set(functionIds.map((id) => logicalIdOf(functionOf(id))));
    const permissions = resourcesOfType(template, 'AWS::Lambda::Permission');
    const target = (permission: Properties) => (permission.FunctionName as { Ref: string }).Ref;
    const byGateway = permissions.filter(([, p]) => p.Principal === 'apigateway.amazonaws.com');
    expect(byGateway.length).toBeGreaterThan(0);
    for (const [id, permission] of byGateway)
      expect({ id, target: aliasIds.has(target(permission)) }).toEqual({ id, target: true });
    // The only other invoker is Secrets Manager, of the key-rotation functions: never an API function.
    for (const [id, permission] of permissions.filter(
      ([, p]) => p.Principal !== 'apigateway.amazonaws.com',
    )) {
      expect({ id, principal: permission.Principal }).toEqual({
        id,
        principal: 'secretsmanager.amazonaws.com',
      });
      expect({ id, api: aliasIds.has(target(permission)) || apiFunctionIds.has(target(permission)) }).toEqual(
        {
          id,
          api: false,
        },
      );
    }
  });

  it.each(functionIds)(
    `shifts %s with ${expectedConfigName[name]}, rolling back on alarm, failure or stop`,
    (id) => {
      const group = groupOf(id);
      expect(group).toMatchObject({
        DeploymentConfigName: expectedConfigName[name],
        DeploymentStyle: { DeploymentOption: 'WITH_TRAFFIC_CONTROL', DeploymentType: 'BLUE_GREEN' },
        AlarmConfiguration: { Enabled: true },
        AutoRollbackConfiguration: { Enabled: true },
      });
      expect((group.AutoRollbackConfiguration as { Events: string[] }).Events.sort()).toEqual([
        'DEPLOYMENT_FAILURE',
        'DEPLOYMENT_STOP_ON_ALARM',
        'DEPLOYMENT_STOP_ON_REQUEST',
      ]);
    },
  );

  it.each(allRoutes.map((route) => [route.id, route] as const))(
    'rolls %s back when its function errors or its method answers 5XX on any stage',
    (id, route) => {
      const [errors] = alarmsOf(id).filter((alarm) => Array.isArray(alarm.Metrics));
      const stats = metricsOf(errors!);
      const lambdaErrors = stats.filter((stat) => stat.Metric.MetricName === 'Errors');
      expect(lambdaErrors).toHaveLength(1);
      expect(dimension(lambdaErrors[0]!, 'Resource')).toEqual({
        'Fn::Join': ['', [{ Ref: logicalIdOf(functionOf(id)) }, `:${LIVE_ALIAS}`]],
      });
      const serverErrors = stats.filter((stat) => stat.Metric.MetricName === '5XXError');
      expect(serverErrors.map((stat) => dimension(stat, 'Stage')).sort()).toEqual([...stages].sort());
      for (const stat of serverErrors) {
        expect({
          api: dimension(stat, 'ApiName'),
          method: dimension(stat, 'Method'),
          resource: dimension(stat, 'Resource'),
        }).toEqual({ api: config.resourcePrefix, method: route.method, resource: route.path });
      }
      // The expression adds every metric, each gap counted as zero.
      const expression = (errors!.Metrics as MetricQuery[]).find((q) => q.Expression)?.Expression;
      for (const query of (errors!.Metrics as MetricQuery[]).filter((q) => q.MetricStat))
        expect(expression).toContain(`FILL(${query.Id}, 0)`);
      for (const stat of stats) expect(stat).toMatchObject({ Period: 60, Stat: 'Sum' });
      expect(errors).toMatchObject({
        Threshold: config.alarms.deployment.errorsPerMinute,
        EvaluationPeriods: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    },
  );

  it('rolls the authorizer back on 5XX answers of the whole API, never on its Errors (its routine 401s)', () => {
    const [errors] = alarmsOf(authorizer.id).filter((alarm) => Array.isArray(alarm.Metrics));
    const stats = metricsOf(errors!);
    expect(stats.map((stat) => stat.Metric.MetricName)).toEqual(stages.map(() => '5XXError'));
    for (const stat of stats) {
      expect(dimension(stat, 'ApiName')).toBe(config.resourcePrefix);
      expect(dimension(stat, 'Method')).toBeUndefined();
    }
  });

  it.each(functionIds)('rolls %s back when its p99 duration stays over the threshold', (id) => {
    const latency = alarmsOf(id).filter((alarm) => alarm.MetricName === 'Duration');
    expect(latency).toHaveLength(1);
    expect(latency[0]).toMatchObject({
      Namespace: 'AWS/Lambda',
      ExtendedStatistic: 'p99',
      Period: 60,
      Threshold: config.alarms.deployment.latencyP99Ms,
      EvaluationPeriods: config.alarms.deployment.latencyMinutes,
      Dimensions: expect.arrayContaining([
        {
          Name: 'Resource',
          Value: { 'Fn::Join': ['', [{ Ref: logicalIdOf(functionOf(id)) }, `:${LIVE_ALIAS}`]] },
        },
      ]),
    });
  });

  it('leaves paging to the operational alarms: the deployment alarms only stop deployments', () => {
    for (const id of functionIds)
      for (const alarm of alarmsOf(id)) expect(alarm.AlarmActions).toBeUndefined();
  });

  it("runs every group in one CodeDeploy application with one service role holding AWS's Lambda deployment policy", () => {
    const [applicationId] = onlyResourceOfType(template, 'AWS::CodeDeploy::Application');
    const groups = resourcesOfType(template, 'AWS::CodeDeploy::DeploymentGroup');
    expect(groups).toHaveLength(functionIds.length);
    const roleIds = new Set(groups.map(([, group]) => JSON.stringify(group.ServiceRoleArn)));
    expect(roleIds.size).toBe(1);
    for (const [, group] of groups) expect(group.ApplicationName).toEqual({ Ref: applicationId });
    // Named in the outputs, for the commands that watch a deployment (docs/DEPLOYMENT.md).
    expect(template.findOutputs('DeploymentApplicationName').DeploymentApplicationName?.Value).toEqual({
      Ref: applicationId,
    });
    const roleId = (groups[0]![1].ServiceRoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const role = raw('AWS::IAM::Role')[roleId]!.Properties;
    expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain('codedeploy.amazonaws.com');
    expect(JSON.stringify(role.ManagedPolicyArns)).toContain(
      'service-role/AWSCodeDeployRoleForLambdaLimited',
    );
  });
});

describe('deployment strategies outside the predefined ones', () => {
  it.each([
    ['canary', 'TimeBasedCanary', { CanaryPercentage: 25, CanaryInterval: 7 }],
    ['linear', 'TimeBasedLinear', { LinearPercentage: 25, LinearInterval: 7 }],
  ] as const)(
    'turns a %s of 25 %% every 7 minutes into a custom CodeDeploy configuration',
    (type, key, expected) => {
      // Prepare
      const stack = new Stack(testApp(), 'Strategies');

      // Act
      deploymentConfig(stack, { type, percentage: 25, intervalMinutes: 7 });

      // Assert
      const [, deployed] = onlyResourceOfType(Template.fromStack(stack), 'AWS::CodeDeploy::DeploymentConfig');
      expect(deployed).toMatchObject({
        ComputePlatform: 'Lambda',
        TrafficRoutingConfig: { [key]: expected },
      });
    },
  );
});
