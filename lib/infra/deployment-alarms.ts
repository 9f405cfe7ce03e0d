import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { DeploymentAlarmThresholds } from '../config/environments';

/** One minute: a canary lasts a few minutes, and every one of them must be judged. */
const PERIOD = Duration.minutes(1);

export interface DeploymentAlarmsProps {
  /** The REST API's name: API Gateway's metrics are dimensioned by it. */
  readonly apiName: string;
  /** The API's stages; a route's failures are counted on all of them (they share the functions). */
  readonly stageNames: readonly string[];
  readonly thresholds: DeploymentAlarmThresholds;
}

/** A route as API Gateway's per-method metrics name it. */
export interface RouteMetricKey {
  readonly method: string;
  /** The resource path, e.g. `/tasks/{id}`. */
  readonly path: string;
}

/**
 * The alarms that decide whether a deployment goes on: for each function, one on its errors and one on
 * its latency, on one-minute periods so that a five-minute canary is judged minute by minute. They have
 * no actions: CodeDeploy watches them while it shifts the function's `live` alias, and rolls the alias
 * back when one fires. (SloAlarms, which page people, stay separate: other periods, other job.)
 *
 * Errors count two ways, because the API's middleware turns an exception into a 500 problem answer, which
 * is not a Lambda error: the alias's Errors (crashes, timeouts, init failures) plus the 5XX answers API
 * Gateway counted on the route's method (per-method metrics are on for every stage).
 */
export class DeploymentAlarms extends Construct {
  private readonly alarms = new Map<string, cloudwatch.Alarm[]>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: DeploymentAlarmsProps,
  ) {
    super(scope, id);
  }

  /** Every deployment alarm made so far, by the function id it guards. */
  get byFunction(): ReadonlyMap<string, readonly cloudwatch.Alarm[]> {
    return this.alarms;
  }

  /** Errors and latency of one route's function, as its clients see them. */
  forRoute(functionId: string, live: lambda.Alias, route: RouteMetricKey): cloudwatch.Alarm[] {
    const serverErrors = this.props.stageNames.map((stage) =>
      this.gatewayMetric('5XXError', { Stage: stage, Method: route.method, Resource: route.path }),
    );
    return this.remember(functionId, [
      this.errorsAlarm(
        functionId,
        `${route.method} ${route.path}: function errors or 5XX answers (rolls a deployment back)`,
        [live.metricErrors({ period: PERIOD, statistic: 'Sum' }), ...serverErrors],
      ),
      this.latencyAlarm(functionId, live),
    ]);
  }

  /**
   * The authorizer's Errors metric counts its routine 401s (it throws `Unauthorized`), so a broken
   * authorizer is seen where clients see it: 5XX answers on the whole stage. Its latency is its own.
   */
  forAuthorizer(functionId: string, live: lambda.Alias): cloudwatch.Alarm[] {
    const serverErrors = this.props.stageNames.map((stage) =>
      this.gatewayMetric('5XXError', { Stage: stage }),
    );
    return this.remember(functionId, [
      this.errorsAlarm(
        functionId,
        'Authorizer: 5XX answers on the API (rolls a deployment back)',
        serverErrors,
      ),
      this.latencyAlarm(functionId, live),
    ]);
  }

  private errorsAlarm(
    functionId: string,
    description: string,
    metrics: cloudwatch.IMetric[],
  ): cloudwatch.Alarm {
    // Missing data is no failure: an idle route or stage publishes nothing for the minute.
    const usingMetrics = Object.fromEntries(metrics.map((metric, index) => [`m${index}`, metric]));
    const total = new cloudwatch.MathExpression({
      expression: Object.keys(usingMetrics)
        .map((name) => `FILL(${name}, 0)`)
        .join(' + '),
      usingMetrics,
      period: PERIOD,
      label: 'failed requests',
    });
    return new cloudwatch.Alarm(this, `${functionId}Errors`, {
      metric: total,
      alarmDescription: description,
      threshold: this.props.thresholds.errorsPerMinute,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  private latencyAlarm(functionId: string, live: lambda.Alias): cloudwatch.Alarm {
    const { latencyP99Ms, latencyMinutes } = this.props.thresholds;
    return new cloudwatch.Alarm(this, `${functionId}Latency`, {
      metric: live.metricDuration({ period: PERIOD, statistic: 'p99' }),
      alarmDescription: `${functionId}: p99 duration over ${latencyP99Ms} ms for ${latencyMinutes} minutes in a row (rolls a deployment back)`,
      threshold: latencyP99Ms,
      // Several minutes in a row: one slow cold start is not a regression.
      evaluationPeriods: latencyMinutes,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  private gatewayMetric(metricName: string, dimensions: Record<string, string>): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensionsMap: { ApiName: this.props.apiName, ...dimensions },
      statistic: 'Sum',
      period: PERIOD,
    });
  }

  private remember(functionId: string, alarms: cloudwatch.Alarm[]): cloudwatch.Alarm[] {
    this.alarms.set(functionId, alarms);
    return alarms;
  }
}
