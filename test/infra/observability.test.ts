import { stages } from '../../functions/routes';
import { TABLE_NAMES, tableDefinitions } from '../../functions/shared/data/table-definitions';
import { API_METRICS } from '../../functions/shared/observability/api-metrics';
import { BUSINESS_ROWS } from '../../lib/infra/observability/dashboard';
import { LOG_QUERIES, REQUEST_ID_PLACEHOLDER } from '../../lib/infra/observability/log-queries';
import { environments } from '../../lib/config/environments';
import {
  DEFAULT_ENVIRONMENT,
  logicalIdOf,
  mentions,
  onlyResourceOfType,
  resourcesOfType,
  synthesize,
} from './synth';

const { stack, template } = synthesize();
const config = environments[DEFAULT_ENVIRONMENT];
/** The alarms that page people (SloAlarms), apart from the ones CodeDeploy watches to roll back. */
const deploymentAlarmIds = new Set([...stack.deploymentAlarms.byFunction.values()].flat().map(logicalIdOf));
const topicId = logicalIdOf(stack.alarms.topic);
const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').filter(
  ([id]) => !deploymentAlarmIds.has(id),
);
const alarmNamed = (suffix: string): Record<string, unknown> => {
  const found = alarms.find(([, props]) => (props.AlarmName as string).endsWith(`-${suffix}`));
  if (!found) throw new Error(`No alarm named …-${suffix}`);
  return found[1];
};
const functionIds = new Map([...stack.functions.all].map(([name, fn]) => [name, logicalIdOf(fn)]));
const stageIds = new Map(stages.map((name) => [name, logicalIdOf(stack.restApi.stages[name])]));

/** A metric query of a math alarm, as CloudFormation has it. */
interface MetricQuery {
  Id: string;
  Expression?: string;
  ReturnData?: boolean;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: unknown }[] };
    Stat: string;
  };
}

/** The dashboard's body as JSON, each CloudFormation reference in it written as `@{LogicalId}`. */
function dashboardBody(): {
  widgets: { type: string; y: number; x: number; properties: Record<string, unknown> }[];
} {
  const [, dashboard] = onlyResourceOfType(template, 'AWS::CloudWatch::Dashboard');
  const body = dashboard.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  const text = body['Fn::Join'][1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const ref = part as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
      return `@{${ref.Ref ?? ref['Fn::GetAtt']?.[0] ?? '?'}}`;
    })
    .join('');
  return JSON.parse(text);
}

describe('the operations dashboard', () => {
  const { widgets } = dashboardBody();
  const ordered = [...widgets].sort((a, b) => a.y - b.y || a.x - b.x);
  /** Each graph's metric rows: `[namespace, name, dimName, dimValue, ..., { stat, label }]`. */
  const graphs = ordered
    .filter((widget) => widget.type === 'metric')
    .map((widget) => ({
      title: widget.properties.title as string,
      y: widget.y,
      metrics: widget.properties.metrics as unknown[][],
    }));
  const sectionY = (heading: string): number => {
    const found = ordered.find(
      (widget) => widget.type === 'text' && (widget.properties.markdown as string).startsWith(heading),
    );
    if (!found) throw new Error(`No section ${heading}`);
    return found.y;
  };
  /** Graphs between a section heading and the next one. */
  const section = (heading: string, next?: string) =>
    graphs.filter((graph) => graph.y > sectionY(heading) && (!next || graph.y < sectionY(next)));
  /** Whether a graph draws `metric` with these dimensions (and statistic, when given). */
  const draws = (
    graph: { metrics: unknown[][] },
    namespace: string,
    metric: string,
    dimensions: Record<string, string>,
    stat?: string,
  ) =>
    graph.metrics.some((row) => {
      if (row[0] !== namespace || row[1] !== metric) return false;
      const options = row.at(-1) as { stat?: string };
      const pairs = row.slice(2, -1);
      const ok = Object.entries(dimensions).every(([name, value]) =>
        pairs.some((item, index) => index % 2 === 0 && item === name && pairs[index + 1] === value),
      );
      // A dashboard row without `stat` is drawn with the Average.
      return ok && (stat === undefined || (options.stat ?? 'Average') === stat);
    });
  const anyGraph = (
    list: typeof graphs,
    ...args: Parameters<typeof draws> extends [unknown, ...infer R] ? R : never
  ) => list.some((graph) => draws(graph, ...args));

  it('reads top to bottom: title, alarm states, clients, functions, data, then what the API did', () => {
    const headings = ordered
      .filter((widget) => widget.type === 'text')
      .map((widget) => (widget.properties.markdown as string).split('\n')[0]);
    expect(headings).toEqual([
      '# Task API — TaskApi-prod',
      '## 1. Clients: API Gateway, per stage',
      '## 2. Functions: Lambda, per function',
      '## 3. Data: DynamoDB, per table',
      '## 4. What the API did: TaskApi metrics, per stage',
    ]);
    const alarmWidget = ordered.find((widget) => widget.type === 'alarm');
    expect(alarmWidget?.y).toBeLessThan(sectionY('## 1.'));
    // Every alarm's state is on it, the composite first.
    const shown = alarmWidget?.properties.alarms as string[];
    expect(shown[0]).toBe(`@{${logicalIdOf(stack.alarms.apiUnhealthy)}}`);
    expect(new Set(shown)).toEqual(
      new Set(
        [...alarms.map(([id]) => id), ...deploymentAlarmIds, logicalIdOf(stack.alarms.apiUnhealthy)].map(
          (id) => `@{${id}}`,
        ),
      ),
    );
  });

  it.each(stages.map((name) => [name]))(
    'shows stage %s: requests, 4XX, 5XX, 5XX rate, latency p50/p90/p99 and integration latency',
    (stage) => {
      const clients = section('## 1.', '## 2.');
      const dims = { ApiName: config.resourcePrefix, Stage: `@{${stageIds.get(stage)}}` };
      for (const metric of ['Count', '4XXError', '5XXError'])
        expect({ metric, drawn: anyGraph(clients, 'AWS/ApiGateway', metric, dims, 'Sum') }).toEqual({
          metric,
          drawn: true,
        });
      // The rate: API Gateway's 5XXError averages to the share of requests that failed.
      expect(anyGraph(clients, 'AWS/ApiGateway', '5XXError', dims, 'Average')).toBe(true);
      for (const metric of ['Latency', 'IntegrationLatency'])
        for (const stat of ['p50', 'p90', 'p99'])
          expect({ metric, stat, drawn: anyGraph(clients, 'AWS/ApiGateway', metric, dims, stat) }).toEqual({
            metric,
            stat,
            drawn: true,
          });
    },
  );

  it.each([...functionIds.keys()].map((name) => [name]))(
    'shows function %s: invocations, errors, throttles, p99 duration, concurrency and cold starts',
    (name) => {
      const functions = section('## 2.', '## 3.');
      const dims = { FunctionName: `@{${functionIds.get(name)}}` };
      const expected: [string, string][] = [
        ['Invocations', 'Sum'],
        ['Errors', 'Sum'],
        ['Throttles', 'Sum'],
        ['Duration', 'p99'],
        ['ConcurrentExecutions', 'Maximum'],
      ];
      for (const [metric, stat] of expected)
        expect({ metric, drawn: anyGraph(functions, 'AWS/Lambda', metric, dims, stat) }).toEqual({
          metric,
          drawn: true,
        });
      expect(anyGraph(functions, 'TaskApi', 'ColdStart', { service: 'task-api', function_name: name })).toBe(
        true,
      );
    },
  );

  it.each(TABLE_NAMES.map((name) => [name]))(
    'shows table %s: consumed capacity, throttling, system errors and latency',
    (name) => {
      const data = section('## 3.', '## 4.');
      const dims = { TableName: `@{${tableDefinitions[name].logicalId}}` };
      for (const metric of [
        'ConsumedReadCapacityUnits',
        'ConsumedWriteCapacityUnits',
        'ThrottledRequests',
        'SystemErrors',
        'SuccessfulRequestLatency',
      ])
        expect({ metric, drawn: anyGraph(data, 'AWS/DynamoDB', metric, dims) }).toEqual({
          metric,
          drawn: true,
        });
    },
  );

  it('shows every TaskApi metric, per stage, in exactly one business graph', () => {
    const business = section('## 4.');
    expect(BUSINESS_ROWS.flatMap((row) => row.metrics).sort()).toEqual(Object.keys(API_METRICS).sort());
    for (const metric of Object.keys(API_METRICS))
      for (const stage of stages)
        expect({
          metric,
          stage,
          drawn: anyGraph(business, 'TaskApi', metric, { service: 'task-api', stage }, 'Sum'),
        }).toEqual({ metric, stage, drawn: true });
  });
});

describe('alarms', () => {
  it('notify the SNS topic from every alarm, composite included, on alarm and on recovery', () => {
    const composite = resourcesOfType(template, 'AWS::CloudWatch::CompositeAlarm');
    expect(alarms.length + composite.length).toBeGreaterThan(30);
    for (const [id, props] of [...alarms, ...composite]) {
      expect({ id, actions: props.AlarmActions, ok: props.OKActions }).toEqual({
        id,
        actions: [{ Ref: topicId }],
        ok: [{ Ref: topicId }],
      });
    }
  });

  it('roll a deployment back from every deployment alarm (their action is CodeDeploy’s)', () => {
    const watched = JSON.stringify(
      resourcesOfType(template, 'AWS::CodeDeploy::DeploymentGroup').map(
        ([, props]) => props.AlarmConfiguration,
      ),
    );
    expect(deploymentAlarmIds.size).toBeGreaterThan(0);
    for (const id of deploymentAlarmIds)
      expect({ id, watched: watched.includes(`"${id}"`) }).toEqual({ id, watched: true });
  });

  it.each(stages.map((name) => [name]))(
    'hold stage %s to its availability SLO: a 5xx rate of 1%% (10× the 0.1%% budget) for 3 × 5 minutes',
    (stage) => {
      const alarm = alarmNamed(`${stage}ErrorRate`);
      expect(alarm).toMatchObject({
        Threshold: 1,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
      const queries = alarm.Metrics as MetricQuery[];
      const expression = queries.find((query) => query.Expression);
      // A rate, judged only with enough traffic.
      expect(expression?.Expression).toBe('IF(requests >= 10, 100 * errors / requests, 0)');
      const byId = new Map(queries.map((query) => [query.Id, query.MetricStat]));
      expect(byId.get('errors')?.Metric.MetricName).toBe('5XXError');
      expect(byId.get('requests')?.Metric.MetricName).toBe('Count');
      for (const id of ['errors', 'requests']) {
        expect(byId.get(id)?.Metric.Dimensions).toContainEqual({
          Name: 'Stage',
          Value: { Ref: stageIds.get(stage) },
        });
        expect(byId.get(id)).toMatchObject({ Stat: 'Sum' });
      }
    },
  );

  it.each(stages.map((name) => [name]))(
    `hold stage %s to its latency SLO: p99 ≥ ${config.alarms.slo.latencyP99Ms} ms for 3 × 5 minutes`,
    (stage) => {
      expect(alarmNamed(`${stage}LatencyP99`)).toMatchObject({
        Namespace: 'AWS/ApiGateway',
        MetricName: 'Latency',
        ExtendedStatistic: 'p99',
        Period: 300,
        Threshold: config.alarms.slo.latencyP99Ms,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
        Dimensions: expect.arrayContaining([{ Name: 'Stage', Value: { Ref: stageIds.get(stage) } }]),
      });
    },
  );

  it.each([...stack.functions.byRoute.keys()].map((name) => [name]))(
    'fire on any error or throttle of the %s function',
    (name) => {
      for (const metric of ['Errors', 'Throttles']) {
        expect(alarmNamed(`${name}${metric}`)).toMatchObject({
          Namespace: 'AWS/Lambda',
          MetricName: metric,
          Statistic: 'Sum',
          Threshold: 1,
          EvaluationPeriods: 1,
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionIds.get(name) } }],
        });
      }
    },
  );

  it('fire on authorizer failures (its errors that are not rejected tokens) and throttles', () => {
    const failures = alarmNamed('AuthorizerFailures');
    expect(failures).toMatchObject({ Threshold: 1, EvaluationPeriods: 1 });
    const queries = failures.Metrics as MetricQuery[];
    expect(queries.find((query) => query.Expression)?.Expression).toBe(
      `FILL(errors, 0) - ${stages.map((stage) => `FILL(rejected_${stage}, 0)`).join(' - ')}`,
    );
    const byId = new Map(queries.map((query) => [query.Id, query.MetricStat?.Metric]));
    expect(byId.get('errors')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionIds.get('Authorizer') } }],
    });
    for (const stage of stages) {
      expect(byId.get(`rejected_${stage}`)).toEqual({
        Namespace: 'TaskApi',
        MetricName: 'TokensRejected',
        Dimensions: expect.arrayContaining([
          { Name: 'service', Value: 'task-api' },
          { Name: 'stage', Value: stage },
        ]),
      });
    }
    expect(alarmNamed('AuthorizerThrottles')).toMatchObject({ MetricName: 'Throttles', Threshold: 1 });
  });

  it.each(TABLE_NAMES.map((name) => [name]))(
    'fire when DynamoDB throttles or fails requests on table %s',
    (name) => {
      const title = `${name.charAt(0).toUpperCase()}${name.slice(1)}Table`;
      for (const [suffix, metricName] of [
        ['Throttles', 'ThrottledRequests'],
        ['SystemErrors', 'SystemErrors'],
      ] as const) {
        const alarm = alarmNamed(`${title}${suffix}`);
        expect(alarm).toMatchObject({ Threshold: 1, EvaluationPeriods: 1 });
        const metrics = (alarm.Metrics as MetricQuery[]).flatMap((query) =>
          query.MetricStat ? [query.MetricStat] : [],
        );
        expect(metrics.length).toBeGreaterThan(0);
        for (const { Metric } of metrics) {
          expect(Metric.MetricName).toBe(metricName);
          expect(mentions(Metric.Dimensions, tableDefinitions[name].logicalId)).toBe(true);
        }
      }
    },
  );

  it('page as one: ApiUnhealthy is any stage SLO alarm or the authorizer failing', () => {
    const [, composite] = onlyResourceOfType(template, 'AWS::CloudWatch::CompositeAlarm');
    const rule = JSON.stringify(composite.AlarmRule);
    const members = [
      ...stages.flatMap((stage) => [`${stage}ErrorRate`, `${stage}LatencyP99`]),
      'AuthorizerFailures',
    ];
    for (const member of members) {
      const [id] = alarms.find(([, props]) => (props.AlarmName as string).endsWith(`-${member}`)) ?? [];
      expect({ member, inRule: id !== undefined && rule.includes(id) }).toEqual({ member, inRule: true });
    }
    expect(rule.match(/ALARM\(/g)).toHaveLength(members.length);
    expect(rule).toContain(' OR ');
  });

  it('e-mail the address given as context, and nobody when none is given', () => {
    expect(resourcesOfType(template, 'AWS::SNS::Subscription')).toEqual([]);
    const withEmail = synthesize({ context: { 'taskApi:alarmEmail': 'oncall@example.com' } });
    const [, subscription] = onlyResourceOfType(withEmail.template, 'AWS::SNS::Subscription');
    expect(subscription).toMatchObject({
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: { Ref: logicalIdOf(withEmail.stack.alarms.topic) },
    });
    expect(() => synthesize({ context: { 'taskApi:alarmEmail': 'not an address' } })).toThrow(
      /taskApi:alarmEmail/,
    );
  });
});

describe('saved Logs Insights queries', () => {
  const queries = resourcesOfType(template, 'AWS::Logs::QueryDefinition').map(([, props]) => props);
  const queryNamed = (prefix: string) => {
    const found = queries.find((query) => (query.Name as string).startsWith(`TaskApi-prod/${prefix}`));
    if (!found) throw new Error(`No query ${prefix}`);
    return found;
  };

  it('are saved in a folder named after the stack, one per question', () => {
    expect(queries.map((query) => query.Name).sort()).toEqual(
      LOG_QUERIES.map(({ name }) => `TaskApi-prod/${name}`).sort(),
    );
  });

  it('search every function log group and both stages’ access logs', () => {
    const expected = [...stack.functions.logGroups, ...stack.restApi.accessLogGroups.values()].map(
      (group) => ({
        Ref: logicalIdOf(group),
      }),
    );
    expect(expected).toHaveLength(functionIds.size + stages.length);
    for (const query of queries) expect(query.LogGroupNames).toEqual(expected);
  });

  it('find everything about one request from its X-Request-Id, in the functions’ and the gateway’s lines', () => {
    const query = queryNamed('1 ').QueryString as string;
    expect(query).toContain(
      `request_id = "${REQUEST_ID_PLACEHOLDER}" or requestId = "${REQUEST_ID_PLACEHOLDER}"`,
    );
    expect(query).toContain('sort @timestamp asc');
  });

  it('list the slowest requests, the 5xx with their errors, the top problem types and the cold starts', () => {
    expect(queryNamed('2 ').QueryString).toMatch(
      /filter message = "request completed"[\s\S]*sort latency_ms desc/,
    );
    expect(queryNamed('3 ').QueryString).toMatch(/error\.message[\s\S]*status >= 500/);
    expect(queryNamed('3 ').QueryString).toContain('decision = "failed"');
    expect(queryNamed('4 ').QueryString).toMatch(/stats count\(\*\) as answers by error_type, status, route/);
    expect(queryNamed('5 ').QueryString).toMatch(/@initDuration/);
  });
});

describe('function logging settings', () => {
  /** The API functions' (routes' and authorizer's) environment variables. */
  const variablesOf = (synthesized: ReturnType<typeof synthesize>) => {
    const ids = new Set([...synthesized.stack.functions.all.values()].map(logicalIdOf));
    const functions = resourcesOfType(synthesized.template, 'AWS::Lambda::Function').filter(([id]) =>
      ids.has(id),
    );
    expect(functions).toHaveLength(ids.size);
    return functions.map(([, fn]) => (fn.Environment as { Variables: Record<string, unknown> }).Variables);
  };

  it('log at info with the environment’s debug sample (prod 1 %, dev 10 %), or the one the context gives', () => {
    for (const variables of variablesOf({ stack, template }))
      expect(variables).toMatchObject({ LOG_LEVEL: 'info', POWERTOOLS_LOGGER_SAMPLE_RATE: '0.01' });
    for (const variables of variablesOf(synthesize({ environment: 'dev' })))
      expect(variables.POWERTOOLS_LOGGER_SAMPLE_RATE).toBe('0.1');
    for (const variables of variablesOf(synthesize({ context: { 'taskApi:debugLogSampleRate': '0.25' } })))
      expect(variables.POWERTOOLS_LOGGER_SAMPLE_RATE).toBe('0.25');
    expect(() => synthesize({ context: { 'taskApi:debugLogSampleRate': '2' } })).toThrow(
      /taskApi:debugLogSampleRate/,
    );
  });
});
