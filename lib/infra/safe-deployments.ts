import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { DeploymentStrategy } from '../config/environments';

/** A function's `live` alias and the alarms that roll its deployment back. */
export interface GuardedAlias {
  readonly alias: lambda.Alias;
  readonly alarms: readonly cloudwatch.IAlarm[];
}

export interface SafeDeploymentsProps {
  readonly strategy: DeploymentStrategy;
  /** Every alias to shift, by function id. */
  readonly aliases: ReadonlyMap<string, GuardedAlias>;
}

/**
 * CodeDeploy for every function: one deployment group per `live` alias, in one application, all with
 * the environment's strategy (canary, linear or all at once). When a deploy publishes a new version,
 * CloudFormation hands the alias update to CodeDeploy, which shifts the traffic step by step while it
 * watches the function's alarms, and moves the alias back (and so fails the stack update, which
 * CloudFormation then rolls back) when one fires, when the deployment fails, or when someone stops it.
 */
export class SafeDeployments extends Construct {
  readonly application: codedeploy.LambdaApplication;
  readonly config: codedeploy.ILambdaDeploymentConfig;
  /** The deployment group of each alias, by function id. */
  readonly groups: ReadonlyMap<string, codedeploy.LambdaDeploymentGroup>;

  constructor(scope: Construct, id: string, props: SafeDeploymentsProps) {
    super(scope, id);
    this.application = new codedeploy.LambdaApplication(this, 'Application');
    this.config = deploymentConfig(this, props.strategy);
    // One service role for every group (each would otherwise make its own); every group attaches AWS's
    // limited policy for Lambda deployments to it (read alarms, get and update aliases).
    const role = new iam.Role(this, 'ServiceRole', {
      assumedBy: new iam.ServicePrincipal('codedeploy.amazonaws.com'),
      description: "CodeDeploy shifting the Task API functions' live aliases",
    });
    const groups = new Map<string, codedeploy.LambdaDeploymentGroup>();
    for (const [functionId, { alias, alarms }] of props.aliases) {
      groups.set(
        functionId,
        new codedeploy.LambdaDeploymentGroup(this, functionId, {
          application: this.application,
          alias,
          deploymentConfig: this.config,
          alarms: [...alarms],
          role,
          autoRollback: { failedDeployment: true, deploymentInAlarm: true, stoppedDeployment: true },
        }),
      );
    }
    this.groups = groups;
  }
}

/** AWS's predefined configurations, by strategy: they read plainly in the console. */
const PREDEFINED: ReadonlyMap<string, codedeploy.ILambdaDeploymentConfig> = new Map([
  ['canary 10% 5 min', codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES],
  ['canary 10% 10 min', codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_10MINUTES],
  ['canary 10% 15 min', codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_15MINUTES],
  ['canary 10% 30 min', codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_30MINUTES],
  ['linear 10% 1 min', codedeploy.LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTE],
  ['linear 10% 2 min', codedeploy.LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_2MINUTES],
  ['linear 10% 3 min', codedeploy.LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_3MINUTES],
  ['linear 10% 10 min', codedeploy.LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_10MINUTES],
]);

/** The strategy as a CodeDeploy configuration: AWS's predefined one when there is one, else a custom one. */
export function deploymentConfig(
  scope: Construct,
  strategy: DeploymentStrategy,
): codedeploy.ILambdaDeploymentConfig {
  if (strategy.type === 'allAtOnce') return codedeploy.LambdaDeploymentConfig.ALL_AT_ONCE;
  const predefined = PREDEFINED.get(
    `${strategy.type} ${strategy.percentage}% ${strategy.intervalMinutes} min`,
  );
  if (predefined) return predefined;
  const shift = { percentage: strategy.percentage, interval: Duration.minutes(strategy.intervalMinutes) };
  return new codedeploy.LambdaDeploymentConfig(scope, 'Config', {
    trafficRouting:
      strategy.type === 'canary'
        ? codedeploy.TrafficRouting.timeBasedCanary(shift)
        : codedeploy.TrafficRouting.timeBasedLinear(shift),
  });
}
