import { App } from 'aws-cdk-lib';
import { stages } from '../../functions/routes';
import { WAF_CONTEXT_KEY, wafEnabled } from '../../lib/infra/waf';
import { logicalIdOf, mentions, onlyResourceOfType, resourcesOfType, synthesize } from './synth';

// prod has the WAF by its environment's config; dev has none; the context flag overrides either way.
const withWaf = synthesize({ environment: 'prod' });
const withoutWaf = synthesize({ environment: 'dev' });
const turnedOff = synthesize({ environment: 'prod', context: { [WAF_CONTEXT_KEY]: 'false' } });
const turnedOn = synthesize({ environment: 'dev', context: { [WAF_CONTEXT_KEY]: 'true' } });

describe('WAF', () => {
  it('is absent where the environment has none (dev)', () => {
    expect(resourcesOfType(withoutWaf.template, 'AWS::WAFv2::WebACL')).toEqual([]);
    expect(resourcesOfType(withoutWaf.template, 'AWS::WAFv2::WebACLAssociation')).toEqual([]);
  });

  it('follows the context flag over the environment, both ways (-c taskApi:waf=true|false)', () => {
    expect(resourcesOfType(turnedOff.template, 'AWS::WAFv2::WebACL')).toEqual([]);
    expect(resourcesOfType(turnedOn.template, 'AWS::WAFv2::WebACL')).toHaveLength(1);
  });

  it('limits each client IP to 2000 requests per 5 minutes, answering 429 with Retry-After', () => {
    const [, acl] = onlyResourceOfType(withWaf.template, 'AWS::WAFv2::WebACL');
    const rules = acl.Rules as { Statement: Record<string, unknown>; Action?: Record<string, unknown> }[];
    const rateRule = rules.find((rule) => 'RateBasedStatement' in rule.Statement);

    expect(acl.Scope).toBe('REGIONAL');
    expect(rateRule?.Statement.RateBasedStatement).toMatchObject({
      Limit: 2000,
      AggregateKeyType: 'IP',
      EvaluationWindowSec: 300,
    });
    expect(rateRule?.Action).toMatchObject({
      Block: {
        CustomResponse: {
          ResponseCode: 429,
          ResponseHeaders: [expect.objectContaining({ Name: 'Retry-After' })],
        },
      },
    });
  });

  it("applies AWS's common rule set", () => {
    const [, acl] = onlyResourceOfType(withWaf.template, 'AWS::WAFv2::WebACL');
    const statements = (
      acl.Rules as { Statement: Record<string, { Name?: string; VendorName?: string }> }[]
    ).map((rule) => rule.Statement.ManagedRuleGroupStatement);
    expect(statements).toContainEqual(
      expect.objectContaining({ VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' }),
    );
  });

  it('protects both stages', () => {
    const [aclId] = onlyResourceOfType(withWaf.template, 'AWS::WAFv2::WebACL');
    const associations = resourcesOfType(withWaf.template, 'AWS::WAFv2::WebACLAssociation').map(
      ([, props]) => props,
    );
    for (const name of stages) {
      const stageId = logicalIdOf(withWaf.stack.restApi.stages[name]);
      expect(
        associations.filter((a) => mentions(a.ResourceArn, stageId) && mentions(a.WebACLArn, aclId)),
      ).toHaveLength(1);
    }
  });

  it('reads the flag from the CLI as a string too, and falls back to the default without it', () => {
    expect(wafEnabled(new App({ context: { [WAF_CONTEXT_KEY]: 'true' } }))).toBe(true);
    expect(wafEnabled(new App({ context: { [WAF_CONTEXT_KEY]: 'false' } }), true)).toBe(false);
    expect(wafEnabled(new App())).toBe(false);
    expect(wafEnabled(new App(), true)).toBe(true);
  });
});
