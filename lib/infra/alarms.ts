import { Duration } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/**
 * Thresholds. Any function error, throttle or gateway 5XX is worth a look at this API's size; latency
 * alarms only when the stage's p99 stays high for 15 minutes (a cold start is not an incident).
 */
const PERIOD = Duration.minutes(5);
const DEFAULT_P99_LATENCY_MS = 3000;
const P99_LATENCY_PERIODS = 3;

/** The DynamoDB operations the functions use (a metric-math alarm takes at most 10 metrics). */
const TABLE_OPERATIONS = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
];

export interface OperationalAlarmsProps {
  /** The routes' functions, by a readable id used in the alarm names and descriptions. */
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  /**
   * The bearer-token authorizer. It rejects a bad token by throwing `Unauthorized` (API Gateway's signal
   * for a 401), so its Errors metric counts routine client mistakes: it gets a throttle alarm only. A real
   * authorizer failure reaches clients as a 500, which the stage 5XX alarm catches.
   */
  readonly authorizer: lambda.IFunction;
  /** The stages by name (= API version). */
  readonly stages: Readonly<Record<string, apigateway.Stage>>;
  readonly tasksTable: dynamodb.ITable;
  /** The stage p99 latency (ms) that alarms when it holds for 15 minutes. @default 3000 */
  readonly stageLatencyP99Ms?: number;
  /** Names the environment in the SNS topic's display name. */
  readonly environmentName?: string;
}

/**
 * CloudWatch alarms on what a client would feel: function errors and throttles, gateway 5XX and p99
 * latency per stage, DynamoDB throttling and system errors on the tasks table. All notify one SNS topic;
 * subscribe to it (email, chat, pager) after deploying.
 */
export class OperationalAlarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);
    const p99LatencyMs = props.stageLatencyP99Ms ?? DEFAULT_P99_LATENCY_MS;
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: props.environmentName ? `Task API (${props.environmentName}) alarms` : 'Task API alarms',
      enforceSSL: true,
    });
    const notify = new actions.SnsAction(this.topic);
    const alarm = (
      alarmId: string,
      description: string,
      metric: cloudwatch.IMetric,
      threshold = 1,
      periods = 1,
    ) =>
      new cloudwatch.Alarm(this, alarmId, {
        metric,
        alarmDescription: description,
        threshold,
        evaluationPeriods: periods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No traffic is not an incident.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(notify);

    for (const [name, fn] of props.functions) {
      alarm(`${name}Errors`, `${name}: the function threw or timed out`, fn.metricErrors({ period: PERIOD }));
      alarm(
        `${name}Throttles`,
        `${name}: invocations were throttled`,
        fn.metricThrottles({ period: PERIOD }),
      );
    }
    alarm(
      'AuthorizerThrottles',
      'Authorizer: invocations were throttled',
      props.authorizer.metricThrottles({ period: PERIOD }),
    );
    for (const [name, stage] of Object.entries(props.stages)) {
      alarm(
        `${name}5XX`,
        `Stage ${name}: the gateway answered 5XX`,
        stage.metricServerError({ period: PERIOD }),
      );
      alarm(
        `${name}LatencyP99`,
        `Stage ${name}: p99 latency over ${p99LatencyMs} ms for ${P99_LATENCY_PERIODS} periods in a row`,
        stage.metricLatency({ period: PERIOD, statistic: 'p99' }),
        p99LatencyMs,
        P99_LATENCY_PERIODS,
      );
    }
    alarm(
      'TasksTableThrottles',
      'Tasks table: requests were throttled (clients saw 503)',
      props.tasksTable.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: PERIOD }),
    );
    alarm(
      'TasksTableSystemErrors',
      'Tasks table: DynamoDB answered with system errors (clients saw 503)',
      props.tasksTable.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period: PERIOD }),
    );
  }
}
