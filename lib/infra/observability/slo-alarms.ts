import { Stack } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../../functions/shared/observability/service';
import {
  DEFAULT_ALARM_POLICY,
  errorRateThreshold,
  type AlarmPolicy,
  type ServiceLevelObjectives,
} from '../../config/slos';

/** The DynamoDB operations the functions use (a metric-math alarm takes at most 10 metrics). */
export const TABLE_OPERATIONS = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
];

/** Where docs/OPERATIONS.md explains an alarm: what it means and what to check first. */
const RUNBOOK = 'Runbook: docs/OPERATIONS.md, "Alarms"';

export interface SloAlarmsProps {
  /** The routes' functions, by route id. */
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  /** The bearer-token authorizer (its Errors also count routine 401s: see the AuthorizerFailures alarm). */
  readonly authorizer: lambda.IFunction;
  /** The stages by name (= API version). */
  readonly stages: Readonly<Record<string, apigateway.Stage>>;
  /** Every table, by name. */
  readonly tables: Readonly<Record<string, dynamodb.ITable>>;
  /** The environment's SLOs: the 5xx-rate and latency thresholds derive from them. */
  readonly slos: ServiceLevelObjectives;
  readonly policy?: AlarmPolicy;
  /** Names the environment in the SNS topic's display name. */
  readonly environmentName?: string;
  /** Subscribes this address to the alarm topic (an AWS confirmation e-mail follows the deploy). */
  readonly email?: string;
}

/**
 * The alarms, each mapped to what a client feels, all notifying one SNS topic:
 *
 * - per stage, the SLOs: 5xx **rate** (metric math over requests, judged only with enough traffic) and
 *   p99 latency, each sustained for `sloPeriods` periods;
 * - per function: errors (the middleware turns every exception into a problem answer, so these are
 *   crashes, timeouts and init failures) and throttles;
 * - the authorizer: real failures (its Errors minus the tokens it rejected) and throttles;
 * - per table: DynamoDB throttling and system errors;
 * - `ApiUnhealthy`, a composite of the SLO alarms and authorizer failures: the one to page on.
 */
export class SloAlarms extends Construct {
  readonly topic: sns.Topic;
  /** The composite alarm: any stage breaking an SLO, or the authorizer failing. */
  readonly apiUnhealthy: cloudwatch.CompositeAlarm;
  /** Each route function's error alarm (for deployment rollbacks), by route id. */
  readonly functionErrors: ReadonlyMap<string, cloudwatch.Alarm>;
  /** Every alarm, composite included, in the order a reader should look at them. */
  readonly all: readonly cloudwatch.AlarmBase[];

  constructor(scope: Construct, id: string, props: SloAlarmsProps) {
    super(scope, id);
    const { slos } = props;
    const policy = props.policy ?? DEFAULT_ALARM_POLICY;
    const { period } = policy;
    const stackName = Stack.of(this).stackName;

    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: props.environmentName ? `Task API (${props.environmentName}) alarms` : 'Task API alarms',
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    const notify = new actions.SnsAction(this.topic);

    const all: cloudwatch.AlarmBase[] = [];
    const alarm = (
      alarmId: string,
      description: string,
      metric: cloudwatch.IMetric,
      options: { threshold?: number; periods?: number } = {},
    ): cloudwatch.Alarm => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        alarmName: `${stackName}-${alarmId}`,
        alarmDescription: `${description}. ${RUNBOOK}.`,
        metric,
        threshold: options.threshold ?? 1,
        evaluationPeriods: options.periods ?? 1,
        datapointsToAlarm: options.periods ?? 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No traffic is not an incident.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(notify);
      created.addOkAction(notify);
      all.push(created);
      return created;
    };

    const errorRate = errorRateThreshold(slos, policy);
    const sloAlarms: cloudwatch.Alarm[] = [];
    for (const [name, stage] of Object.entries(props.stages)) {
      sloAlarms.push(
        alarm(
          `${name}ErrorRate`,
          `Stage ${name}: ${errorRate} % or more of requests answered 5xx for ${policy.sloPeriods} periods of ` +
            `${period.toMinutes()} min (the ${slos.availabilityPercent} % availability budget burning ` +
            `${policy.errorBudgetBurnRate}x too fast)`,
          new cloudwatch.MathExpression({
            label: `${name} 5xx rate (%)`,
            expression: `IF(requests >= ${policy.minRequestsPerPeriod}, 100 * errors / requests, 0)`,
            usingMetrics: {
              errors: stage.metricServerError({ period, statistic: 'Sum' }),
              requests: stage.metricCount({ period, statistic: 'Sum' }),
            },
            period,
          }),
          { threshold: errorRate, periods: policy.sloPeriods },
        ),
        alarm(
          `${name}LatencyP99`,
          `Stage ${name}: p99 latency at or over ${slos.latencyP99Ms} ms for ${policy.sloPeriods} periods of ` +
            `${period.toMinutes()} min`,
          stage.metricLatency({ period, statistic: 'p99' }),
          { threshold: slos.latencyP99Ms, periods: policy.sloPeriods },
        ),
      );
    }

    const authorizerFailures = alarm(
      'AuthorizerFailures',
      'Authorizer: invocations failed for another reason than a bad token (signing secret unreadable, ' +
        'configuration, crash): every bearer-token request answers 401 or 500',
      new cloudwatch.MathExpression({
        label: 'Authorizer failures',
        // Every refusal is a Lambda error too (`Unauthorized` is thrown); what the TokensRejected count
        // does not explain is a failure.
        expression: [
          'FILL(errors, 0)',
          ...Object.keys(props.stages).map((name) => `FILL(rejected_${name}, 0)`),
        ].join(' - '),
        usingMetrics: {
          errors: props.authorizer.metricErrors({ period, statistic: 'Sum' }),
          ...Object.fromEntries(
            Object.keys(props.stages).map((name) => [
              `rejected_${name}`,
              new cloudwatch.Metric({
                namespace: METRICS_NAMESPACE,
                metricName: 'TokensRejected',
                dimensionsMap: { service: SERVICE_NAME, stage: name },
                period,
                statistic: 'Sum',
              }),
            ]),
          ),
        },
        period,
      }),
    );
    alarm(
      'AuthorizerThrottles',
      'Authorizer: invocations were throttled (clients saw 500)',
      props.authorizer.metricThrottles({ period, statistic: 'Sum' }),
    );

    const functionErrors = new Map<string, cloudwatch.Alarm>();
    for (const [name, fn] of props.functions) {
      functionErrors.set(
        name,
        alarm(
          `${name}Errors`,
          `${name}: the function crashed, timed out or failed to start (its answers are 502/500)`,
          fn.metricErrors({ period, statistic: 'Sum' }),
        ),
      );
      alarm(
        `${name}Throttles`,
        `${name}: invocations were throttled (clients saw 429/500)`,
        fn.metricThrottles({ period, statistic: 'Sum' }),
      );
    }

    for (const [name, table] of Object.entries(props.tables)) {
      const title = `${name.charAt(0).toUpperCase()}${name.slice(1)}Table`;
      alarm(
        `${title}Throttles`,
        `Table ${name}: DynamoDB throttled requests (after SDK retries, clients saw 503)`,
        table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period }),
      );
      alarm(
        `${title}SystemErrors`,
        `Table ${name}: DynamoDB answered with system errors (clients saw 503)`,
        table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period }),
      );
    }

    this.apiUnhealthy = new cloudwatch.CompositeAlarm(this, 'ApiUnhealthy', {
      compositeAlarmName: `${stackName}-ApiUnhealthy`,
      alarmDescription:
        'Task API is failing its clients: a stage breaks its availability or latency SLO, or the authorizer ' +
        `fails. Page on this one; the alarms it names say where. ${RUNBOOK}.`,
      alarmRule: cloudwatch.AlarmRule.anyOf(
        ...[...sloAlarms, authorizerFailures].map((each) =>
          cloudwatch.AlarmRule.fromAlarm(each, cloudwatch.AlarmState.ALARM),
        ),
      ),
    });
    this.apiUnhealthy.addAlarmAction(notify);
    this.apiUnhealthy.addOkAction(notify);

    this.functionErrors = functionErrors;
    this.all = [this.apiUnhealthy, ...all];
  }
}
