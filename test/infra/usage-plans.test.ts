import { stages } from '../../functions/routes';
import { usagePlans, type UsagePlanDefinition } from '../../lib/config/usage-plans';
import { logicalIdOf, resourcesOfType, synthesize } from './synth';

const { stack, template } = synthesize();
const prefix = `${stack.config.resourcePrefix}-`;
const plans = new Map(
  resourcesOfType(template, 'AWS::ApiGateway::UsagePlan').map(([id, props]) => [
    props.UsagePlanName,
    { id, props },
  ]),
);
const definitions: [string, UsagePlanDefinition][] = Object.entries(usagePlans);

function planOf(definition: UsagePlanDefinition) {
  const plan = plans.get(`${prefix}${definition.name}`);
  if (!plan) throw new Error(`No usage plan ${definition.name}`);
  return plan;
}

describe('usage plans', () => {
  it("deploys the basic and premium plans, named after the environment (two environments' plans tell apart)", () => {
    expect([...plans.keys()].sort()).toEqual([`${prefix}basic`, `${prefix}premium`]);
  });

  it.each(definitions)(
    '%s throttles and caps requests exactly as the usage-plan config says',
    (_name, definition) => {
      const { props } = planOf(definition);
      expect(props.Throttle).toEqual({
        RateLimit: definition.throttle.rateLimit,
        BurstLimit: definition.throttle.burstLimit,
      });
      expect(props.Quota).toEqual({ Limit: definition.quota.limit, Period: definition.quota.period });
    },
  );

  it('keeps the basic tier at 100 req/s, burst 200, 100 000 a day (the local API promises the same)', () => {
    expect(planOf(usagePlans.basic).props).toMatchObject({
      Throttle: { RateLimit: 100, BurstLimit: 200 },
      Quota: { Limit: 100_000, Period: 'DAY' },
    });
  });

  it.each(definitions)(
    '%s applies to both stages, with its per-method throttles on each',
    (_name, definition) => {
      // Prepare
      const expectedThrottle = Object.fromEntries(
        Object.entries(definition.methodThrottles).map(([key, throttle]) => {
          const [path, method] = key.split(' ');
          return [`${path}/${method}`, { RateLimit: throttle.rateLimit, BurstLimit: throttle.burstLimit }];
        }),
      );

      // Act
      const apiStages = planOf(definition).props.ApiStages as { Stage: unknown; Throttle?: unknown }[];

      // Assert
      expect(apiStages.map((apiStage) => apiStage.Stage)).toEqual(
        expect.arrayContaining(stages.map((name) => ({ Ref: logicalIdOf(stack.restApi.stages[name]) }))),
      );
      expect(apiStages).toHaveLength(stages.length);
      for (const apiStage of apiStages) expect(apiStage.Throttle).toEqual(expectedThrottle);
    },
  );

  it.each(definitions)('%s has an API key of its own, linked to the plan', (_name, definition) => {
    // Prepare
    const { id: planId } = planOf(definition);

    // Act
    const links = resourcesOfType(template, 'AWS::ApiGateway::UsagePlanKey').filter(
      ([, link]) => JSON.stringify(link.UsagePlanId) === JSON.stringify({ Ref: planId }),
    );

    // Assert
    expect(links).toHaveLength(1);
    const link = links[0]?.[1];
    expect(link?.KeyType).toBe('API_KEY');
    const keyId = (link?.KeyId as { Ref: string }).Ref;
    expect(template.findResources('AWS::ApiGateway::ApiKey')[keyId]).toMatchObject({
      Properties: { Enabled: true },
    });
  });
});
