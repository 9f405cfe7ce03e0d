import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** CDK context flag that runs cdk-nag during `cdk synth` (`npm run nag`). */
export const NAG_CONTEXT_KEY = 'taskApi:nag';

/**
 * Acknowledges a cdk-nag finding (AwsSolutions pack) on a construct and everything under it, with the reason
 * it does not apply or is accepted. Every acknowledgment of the stacks goes through here, next to the
 * construct it concerns, so the reason sits where the decision is made; `npm run nag` and the infra tests
 * fail on any finding that is not acknowledged. `rule` is the pack's id without its prefix (`IAM5`, or
 * `IAM5[Resource::*]` for one finding of a rule that reports several).
 */
export function acknowledgeNag(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${rule}`, reason });
}
