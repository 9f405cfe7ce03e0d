import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { ApiMetric } from '../../../functions/shared/observability/api-metrics';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../../functions/shared/observability/service';
import { TABLE_OPERATIONS } from './slo-alarms';
import { DEFAULT_ALARM_POLICY, errorRateThreshold, type ServiceLevelObjectives } from '../../config/slos';

export interface ApiDashboardProps {
  readonly stages: Readonly<Record<string, apigateway.Stage>>;
  /** Every function (routes and authorizer), by id. */
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  readonly tables: Readonly<Record<string, dynamodb.ITable>>;
  /** Shown first, as their states: the composite first. */
  readonly alarms: readonly cloudwatch.IAlarm[];
  readonly slos: ServiceLevelObjectives;
}

/** The API metrics in the dashboard's business rows, grouped as a reader thinks of them (every one, once). */
export const BUSINESS_ROWS: readonly { title: string; metrics: readonly ApiMetric[] }[] = [
  { title: 'Tasks written', metrics: ['TasksCreated', 'TasksUpdated', 'TasksDeleted'] },
  {
    title: 'Retries and conflicts',
    metrics: ['IdempotentReplays', 'IdempotencyConflicts', 'PreconditionFailures', 'EditConflicts'],
  },
  { title: 'Accounts', metrics: ['Registrations', 'LoginsSucceeded', 'LoginsFailed', 'Logouts'] },
  {
    title: 'Limits and tokens',
    metrics: ['IpRateLimitHits', 'AccountLoginLimitHits', 'TokensRejected', 'AuthorizerFailures'],
  },
];

const PERIOD = Duration.minutes(1);

/**
 * A per-operation DynamoDB metric summed over the operations the functions use, with ids of its own so
 * several tables fit one graph (the table's own helper names its ids after the operations only).
 */
function sumOverOperations(table: dynamodb.ITable, metricName: string, label: string): cloudwatch.IMetric {
  const usingMetrics = Object.fromEntries(
    TABLE_OPERATIONS.map((operation) => [
      `${label.toLowerCase()}_${operation.toLowerCase()}`,
      table.metric(metricName, {
        dimensionsMap: { TableName: table.tableName, Operation: operation },
        statistic: 'Sum',
        period: PERIOD,
      }),
    ]),
  );
  return new cloudwatch.MathExpression({
    expression: Object.keys(usingMetrics)
      .map((id) => `FILL(${id}, 0)`)
      .join(' + '),
    usingMetrics,
    label,
    period: PERIOD,
  });
}
const WIDTH = 24;

/**
 * One CloudWatch dashboard per stack (environment), read top to bottom the way an on-call person
 * narrows a problem down: alarm states; what clients see per stage (requests, 4xx/5xx, the 5xx rate and
 * latency against the SLOs); the functions (invocations, errors, throttles, p99 duration, concurrency,
 * cold starts); DynamoDB (capacity, throttling, system errors, latency); then what the API did (the
 * `TaskApi` metrics). Every number on it is explained in docs/OPERATIONS.md.
 */
export class ApiDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ApiDashboardProps) {
    super(scope, id);
    const { slos } = props;
    const stages = Object.entries(props.stages);
    const functions = [...props.functions];
    const tables = Object.entries(props.tables);
    const graph = (
      title: string,
      left: cloudwatch.IMetric[],
      options: Partial<cloudwatch.GraphWidgetProps> = {},
    ) => new cloudwatch.GraphWidget({ title, left, width: 8, height: 6, period: PERIOD, ...options });
    const header = (markdown: string) => new cloudwatch.TextWidget({ markdown, width: WIDTH, height: 2 });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-operations`,
      defaultInterval: Duration.hours(3),
    });

    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown: [
          `# Task API — ${Stack.of(this).stackName}`,
          `Read top to bottom: alarms, then what clients see, then the functions, DynamoDB, and what the API did. ` +
            `SLOs per stage: **${slos.availabilityPercent} %** of requests without a 5xx (30 days), ` +
            `**p99 latency < ${slos.latencyP99Ms} ms**. Runbook: docs/OPERATIONS.md.`,
        ].join('\n\n'),
        width: WIDTH,
        height: 3,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: '0. Alarms (ApiUnhealthy first: the SLOs)',
        alarms: [...props.alarms],
        width: WIDTH,
        height: 4,
      }),
    );

    const errorRate = errorRateThreshold(slos, DEFAULT_ALARM_POLICY);
    this.dashboard.addWidgets(header('## 1. Clients: API Gateway, per stage'));
    this.dashboard.addWidgets(
      graph(
        'Requests',
        stages.map(([name, stage]) => stage.metricCount({ label: name, statistic: 'Sum' })),
      ),
      graph('4XX and 5XX answers', [
        ...stages.map(([name, stage]) => stage.metricClientError({ label: `${name} 4XX`, statistic: 'Sum' })),
        ...stages.map(([name, stage]) => stage.metricServerError({ label: `${name} 5XX`, statistic: 'Sum' })),
      ]),
      graph(
        '5XX rate (%) against the SLO alarm',
        stages.map(
          ([name, stage], index) =>
            new cloudwatch.MathExpression({
              // API Gateway's 5XXError is 0 or 1 per request: its average is the rate.
              expression: `100 * e${index}`,
              usingMetrics: { [`e${index}`]: stage.metricServerError({ statistic: 'Average' }) },
              label: `${name} 5XX %`,
              period: PERIOD,
            }),
        ),
        { leftAnnotations: [{ value: errorRate, label: `alarm at ${errorRate} %` }] },
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Latency p50 / p90 / p99 (ms)',
        stages.flatMap(([name, stage]) =>
          ['p50', 'p90', 'p99'].map((statistic) =>
            stage.metricLatency({ label: `${name} ${statistic}`, statistic }),
          ),
        ),
        {
          width: 12,
          leftAnnotations: [{ value: slos.latencyP99Ms, label: `p99 SLO ${slos.latencyP99Ms} ms` }],
        },
      ),
      graph(
        'Integration latency p50 / p90 / p99 (ms): the functions as the gateway sees them',
        stages.flatMap(([name, stage]) =>
          ['p50', 'p90', 'p99'].map((statistic) =>
            stage.metricIntegrationLatency({ label: `${name} ${statistic}`, statistic }),
          ),
        ),
        { width: 12 },
      ),
    );

    this.dashboard.addWidgets(header('## 2. Functions: Lambda, per function'));
    const perFunction = (metric: (fn: lambda.IFunction, label: string) => cloudwatch.IMetric) =>
      functions.map(([name, fn]) => metric(fn, name));
    this.dashboard.addWidgets(
      graph(
        'Invocations',
        perFunction((fn, label) => fn.metricInvocations({ label, statistic: 'Sum' })),
      ),
      graph(
        'Errors (crashes, timeouts, init failures)',
        perFunction((fn, label) => fn.metricErrors({ label, statistic: 'Sum' })),
      ),
      graph(
        'Throttles',
        perFunction((fn, label) => fn.metricThrottles({ label, statistic: 'Sum' })),
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Duration p99 (ms)',
        perFunction((fn, label) => fn.metricDuration({ label, statistic: 'p99' })),
      ),
      graph(
        'Concurrent executions (max)',
        perFunction((fn, label) => fn.metric('ConcurrentExecutions', { label, statistic: 'Maximum' })),
      ),
      graph(
        'Cold starts',
        functions.map(
          ([name]) =>
            new cloudwatch.Metric({
              namespace: METRICS_NAMESPACE,
              metricName: 'ColdStart',
              dimensionsMap: { service: SERVICE_NAME, function_name: name },
              label: name,
              statistic: 'Sum',
            }),
        ),
      ),
    );

    this.dashboard.addWidgets(header('## 3. Data: DynamoDB, per table'));
    const perTable = (metric: (table: dynamodb.ITable, label: string) => cloudwatch.IMetric) =>
      tables.map(([name, table]) => metric(table, name));
    this.dashboard.addWidgets(
      graph(
        'Consumed read capacity units',
        perTable((table, label) => table.metricConsumedReadCapacityUnits({ label, statistic: 'Sum' })),
        { width: 6 },
      ),
      graph(
        'Consumed write capacity units',
        perTable((table, label) => table.metricConsumedWriteCapacityUnits({ label, statistic: 'Sum' })),
        { width: 6 },
      ),
      graph(
        'Throttled requests',
        perTable((table, label) => sumOverOperations(table, 'ThrottledRequests', label)),
        { width: 6 },
      ),
      graph(
        'System errors',
        perTable((table, label) => sumOverOperations(table, 'SystemErrors', label)),
        { width: 6 },
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Request latency, average (ms): GetItem, Query, TransactWriteItems',
        tables.flatMap(([name, table]) =>
          ['GetItem', 'Query', 'TransactWriteItems'].map((operation) =>
            table.metricSuccessfulRequestLatency({
              dimensionsMap: { TableName: table.tableName, Operation: operation },
              label: `${name} ${operation}`,
              statistic: 'Average',
            }),
          ),
        ),
        { width: WIDTH },
      ),
    );

    this.dashboard.addWidgets(header(`## 4. What the API did: ${METRICS_NAMESPACE} metrics, per stage`));
    this.dashboard.addWidgets(
      ...BUSINESS_ROWS.map(({ title, metrics }) =>
        graph(
          title,
          metrics.flatMap((metricName) =>
            stages.map(
              ([stage]) =>
                new cloudwatch.Metric({
                  namespace: METRICS_NAMESPACE,
                  metricName,
                  dimensionsMap: { service: SERVICE_NAME, stage },
                  label: `${metricName} ${stage}`,
                  statistic: 'Sum',
                }),
            ),
          ),
          { width: 6 },
        ),
      ),
    );
  }
}
