import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { problemBody } from '../../functions/shared/errors/problem-body';
import { problemTypes } from '../../functions/shared/errors/problem-types';

/**
 * CDK context flag that overrides the environment's WAF setting for one command
 * (`cdk deploy TaskApi-dev -c taskApi:waf=true`); lib/config/environments.ts holds each environment's default.
 */
export const WAF_CONTEXT_KEY = 'taskApi:waf';

/** Requests one client IP may make in any 5-minute window before WAF blocks it. */
const REQUESTS_PER_IP_PER_5_MIN = 2000;
/** Seconds a blocked client is asked to wait: WAF re-evaluates the rate limit about every minute. */
const RATE_LIMIT_RETRY_AFTER_SECONDS = '60';
const RATE_LIMITED_BODY_KEY = 'rate-limited';

/** Whether the stack gets the WAF: the context flag when set (the CLI passes `-c` values as strings), else the default. */
export function wafEnabled(scope: Construct, byDefault = false): boolean {
  const value: unknown = scope.node.tryGetContext(WAF_CONTEXT_KEY);
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return byDefault;
}

export interface ApiWafProps {
  /** The stages by name; the WebACL protects each. */
  readonly stages: Readonly<Record<string, apigateway.Stage>>;
}

/**
 * A regional WAF in front of both stages: a per-IP rate limit (answered as 429 problem+json with
 * Retry-After, like the API's own throttles) and AWS's common rule set (OWASP-style protections).
 */
export class ApiWaf extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiWafProps) {
    super(scope, id);
    const rateLimited = problemTypes['rate-limited'];
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      metricName,
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('TaskApiWebAcl'),
      customResponseBodies: {
        [RATE_LIMITED_BODY_KEY]: {
          contentType: 'APPLICATION_JSON',
          // No request id here: WAF answers before API Gateway assigns one.
          content: JSON.stringify(problemBody('rate-limited', 'Too many requests from this IP address')),
        },
      },
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          statement: {
            rateBasedStatement: {
              limit: REQUESTS_PER_IP_PER_5_MIN,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
            },
          },
          action: {
            block: {
              customResponse: {
                responseCode: rateLimited.status,
                customResponseBodyKey: RATE_LIMITED_BODY_KEY,
                // The body's content type is WAF's fixed `application/json`; a custom response cannot say
                // application/problem+json.
                responseHeaders: [{ name: 'Retry-After', value: RATE_LIMIT_RETRY_AFTER_SECONDS }],
              },
            },
          },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
        {
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 1,
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // The set blocks bodies over 8 KB; the API accepts up to 64 KiB and answers 413 above that
              // itself, so that one rule only counts.
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          overrideAction: { none: {} },
          visibilityConfig: visibility('AWSManagedRulesCommonRuleSet'),
        },
      ],
    });

    for (const [name, stage] of Object.entries(props.stages)) {
      const association = new wafv2.CfnWebACLAssociation(this, `${name}Association`, {
        resourceArn: stage.stageArn,
        webAclArn: this.webAcl.attrArn,
      });
      // The stage ARN is assembled from strings, so CloudFormation would not otherwise wait for the stage.
      association.node.addDependency(stage);
    }
  }
}
