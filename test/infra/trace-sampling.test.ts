import { environments, environmentNames } from '../../lib/config/environments';
import { onlyResourceOfType, resourcesOfType, synthesize } from './synth';

describe('X-Ray sampling', () => {
  it.each(environmentNames)(
    '%s: one rule for the API stages at the environment’s fixed rate, no reservoir, before the default rule',
    (name) => {
      const { template } = synthesize({ environment: name });
      const [, rule] = onlyResourceOfType(template, 'AWS::XRay::SamplingRule');
      const config = environments[name];

      expect(rule.SamplingRule).toMatchObject({
        ServiceName: `${config.resourcePrefix}/*`,
        ServiceType: 'AWS::ApiGateway::Stage',
        FixedRate: config.traceSampleRate,
        ReservoirSize: 0,
        HTTPMethod: '*',
        URLPath: '*',
        Host: '*',
        ResourceARN: '*',
        Version: 1,
      });
      const { RuleName: ruleName, Priority: priority } = rule.SamplingRule as {
        RuleName: string;
        Priority: number;
      };
      expect(ruleName.length).toBeLessThanOrEqual(32);
      expect(priority).toBeLessThan(10_000);
    },
  );

  it('keeps API Gateway and the functions tracing, so sampled requests have their subsegments', () => {
    const { template } = synthesize();
    for (const [, stage] of resourcesOfType(template, 'AWS::ApiGateway::Stage'))
      expect(stage.TracingEnabled).toBe(true);
  });
});
