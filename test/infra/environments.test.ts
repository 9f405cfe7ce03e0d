import { tableDefinitions as tables } from '../../functions/shared/data/table-definitions';
import { usagePlans } from '../../lib/config/usage-plans';
import { environmentNames, environments, type EnvironmentName } from '../../lib/config/environments';
import { routes } from '../../functions/routes';
import { logicalIdOf, resourcesOfType, synthesize, type SynthesizedStack } from './synth';

/** Every environment's stack, synthesized once for this file. */
const synthesized = new Map<EnvironmentName, SynthesizedStack>(
  environmentNames.map((name) => [name, synthesize({ environment: name })]),
);
const each = environmentNames.map((name) => [name] as const);

function templateOf(name: EnvironmentName) {
  return synthesized.get(name)!.template;
}

type Resource = {
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

function resources(name: EnvironmentName, type: string): [string, Resource][] {
  return Object.entries(templateOf(name).findResources(type) as Record<string, Resource>);
}

describe('one API stack per environment', () => {
  it('names each stack and everything it names itself after its environment', () => {
    const apiNames = environmentNames.map(
      (name) => resourcesOfType(templateOf(name), 'AWS::ApiGateway::RestApi')[0]?.[1].Name,
    );
    expect(apiNames).toEqual(environmentNames.map((name) => environments[name].resourcePrefix));
    expect(new Set(apiNames).size).toBe(environmentNames.length);
    for (const name of environmentNames)
      expect(synthesized.get(name)!.stack.stackName).toBe(environments[name].stackName);
  });

  it.each(each)('tags every taggable resource of %s with its environment', (name) => {
    const tagged = resources(name, 'AWS::DynamoDB::Table').concat(resources(name, 'AWS::Lambda::Function'));
    expect(tagged.length).toBeGreaterThan(0);
    for (const [, resource] of tagged)
      expect(resource.Properties.Tags).toContainEqual({ Key: 'task-api:environment', Value: name });
  });

  it('leaves the account-wide API Gateway logging setting to the account stack', () => {
    for (const name of environmentNames) {
      expect(resources(name, 'AWS::ApiGateway::Account')).toEqual([]);
      // Not even the role: the account stack owns it.
      const apiGatewayRoles = resources(name, 'AWS::IAM::Role').filter(([, role]) =>
        JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes('apigateway.amazonaws.com'),
      );
      expect(apiGatewayRoles).toEqual([]);
    }
  });
});

describe('data protection per environment', () => {
  it("keeps prod's data: the tasks table is retained, every table has deletion protection and point-in-time recovery", () => {
    for (const [id, table] of resources('prod', 'AWS::DynamoDB::Table')) {
      expect({ id, ...table.Properties }).toMatchObject({
        id,
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
    }
    expect(
      resources('prod', 'AWS::DynamoDB::Table').find(([id]) => id === tables.tasks.logicalId)?.[1],
    ).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it.each(each)('%s: tables follow the environment (retain, deletion protection, recovery)', (name) => {
    const { data } = environments[name];
    for (const [id, table] of resources(name, 'AWS::DynamoDB::Table')) {
      const retained = data.retain && id === tables.tasks.logicalId;
      expect({ id, policy: table.DeletionPolicy, ...table.Properties }).toMatchObject({
        id,
        policy: retained ? 'Retain' : 'Delete',
        DeletionProtectionEnabled: data.deletionProtection,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: data.pointInTimeRecovery },
      });
    }
  });

  it('lets dev be deleted whole: no table kept, no protection', () => {
    for (const [, table] of resources('dev', 'AWS::DynamoDB::Table')) {
      expect(table.DeletionPolicy).toBe('Delete');
      expect(table.Properties.DeletionProtectionEnabled).toBe(false);
    }
  });
});

describe('logs, functions, alarms and WAF per environment', () => {
  it.each(each)(
    '%s: every log group keeps logs for the configured time, and outlives the stack only if told',
    (name) => {
      const { logs } = environments[name];
      const groups = resources(name, 'AWS::Logs::LogGroup');
      // One per function plus the two stages' access logs.
      expect(groups.length).toBeGreaterThanOrEqual(14);
      for (const [id, group] of groups) {
        expect({ id, days: group.Properties.RetentionInDays, policy: group.DeletionPolicy }).toEqual({
          id,
          days: logs.retention,
          policy: logs.retain ? 'Retain' : 'Delete',
        });
      }
    },
  );

  it.each(each)(
    '%s: every function gets the configured memory, unless its contract names its own',
    (name) => {
      const { stack } = synthesized.get(name)!;
      const ownMemory = new Map(
        routes.flatMap((route) =>
          route.memoryMb === undefined
            ? []
            : [[logicalIdOf(stack.functions.byRoute.get(route.id)!), route.memoryMb]],
        ),
      );
      expect(ownMemory.size).toBeGreaterThan(0);
      for (const [id, fn] of resources(name, 'AWS::Lambda::Function'))
        expect({ id, memory: fn.Properties.MemorySize }).toEqual({
          id,
          memory: ownMemory.get(id) ?? environments[name].functions.memoryMb,
        });
    },
  );

  it.each(each)('%s: the stage p99 latency alarms use the configured threshold', (name) => {
    const latencyAlarms = resources(name, 'AWS::CloudWatch::Alarm').filter(
      ([, alarm]) => alarm.Properties.MetricName === 'Latency',
    );
    expect(latencyAlarms).toHaveLength(2);
    for (const [, alarm] of latencyAlarms)
      expect(alarm.Properties.Threshold).toBe(environments[name].alarms.slo.latencyP99Ms);
  });

  it.each(each)('%s: has a WAF exactly when the environment says so', (name) => {
    expect(resources(name, 'AWS::WAFv2::WebACL')).toHaveLength(environments[name].waf ? 1 : 0);
  });

  it('puts the WAF in front of prod and staging, and leaves dev without one', () => {
    expect([environments.prod.waf, environments.staging.waf, environments.dev.waf]).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe('usage plans per environment', () => {
  it.each(each)('%s: deploys exactly its plans, one API key each, with the shared tier limits', (name) => {
    const config = environments[name];
    const plans = resources(name, 'AWS::ApiGateway::UsagePlan').map(([, plan]) => plan.Properties);
    expect(plans.map((plan) => plan.UsagePlanName).sort()).toEqual(
      config.usagePlans.map((plan) => `${config.resourcePrefix}-${plan}`).sort(),
    );
    for (const plan of config.usagePlans) {
      const deployed = plans.find((p) => p.UsagePlanName === `${config.resourcePrefix}-${plan}`);
      expect(deployed?.Throttle).toEqual({
        RateLimit: usagePlans[plan].throttle.rateLimit,
        BurstLimit: usagePlans[plan].throttle.burstLimit,
      });
    }
    expect(resources(name, 'AWS::ApiGateway::ApiKey')).toHaveLength(config.usagePlans.length);
  });
});
