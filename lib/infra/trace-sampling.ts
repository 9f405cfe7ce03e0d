import * as xray from 'aws-cdk-lib/aws-xray';
import { Construct } from 'constructs';

export interface TraceSamplingProps {
  /** The REST API's name: API Gateway reports each stage to X-Ray as the service `<name>/<stage>`. */
  readonly apiName: string;
  /** Share of the API's requests traced (0..1), at any traffic. */
  readonly rate: number;
}

/**
 * An X-Ray sampling rule for the API's stages: a fixed share of requests, no reservoir. X-Ray's default
 * rule traces the first request of every second plus 5 % of the rest, which at low traffic means most
 * requests and the largest item of a request's cost after API Gateway (docs/COST.md); a fixed rate costs
 * the same share at any traffic. API Gateway makes the decision and the functions follow it (their
 * subsegments join the sampled traces only). Errors stay in the logs and metrics whether traced or not.
 */
export class TraceSampling extends Construct {
  readonly rule: xray.CfnSamplingRule;

  constructor(scope: Construct, id: string, props: TraceSamplingProps) {
    super(scope, id);
    if (!(props.rate >= 0 && props.rate <= 1))
      throw new Error(`trace sampling rate ${props.rate} is not in 0..1`);
    this.rule = new xray.CfnSamplingRule(this, 'Rule', {
      samplingRule: {
        // At most 32 characters, unique in the account and region: one rule per environment.
        ruleName: `${props.apiName}-api`.slice(0, 32),
        // Before the default rule (10000), after any rule a team sets for debugging (lower numbers).
        priority: 9000,
        fixedRate: props.rate,
        reservoirSize: 0,
        serviceName: `${props.apiName}/*`,
        serviceType: 'AWS::ApiGateway::Stage',
        host: '*',
        httpMethod: '*',
        urlPath: '*',
        resourceArn: '*',
        version: 1,
      },
    });
  }
}
