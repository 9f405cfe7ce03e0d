import { stages } from '../../functions/routes';
import { tableDefinitions as tables } from '../../functions/shared/data/table-definitions';
import { logicalIdOf, mentions, resourcesOfType, synthesize } from './synth';

const { stack, template } = synthesize();
const topicId = logicalIdOf(stack.alarms.topic);
// The operational alarms (they page people); the deployment alarms that CodeDeploy watches are
// asserted in safe-deployments.test.ts.
const deploymentAlarmIds = new Set([...stack.deploymentAlarms.byFunction.values()].flat().map(logicalIdOf));
const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm')
  .filter(([id]) => !deploymentAlarmIds.has(id))
  .map(([, props]) => props);

/** Alarms on a plain metric, by metric name and a dimension that mentions a logical id. */
function alarmsOn(metricName: string, dimension: string, logicalId: string) {
  return alarms.filter(
    (alarm) =>
      alarm.MetricName === metricName &&
      (alarm.Dimensions as { Name: string; Value: unknown }[] | undefined)?.some(
        (d) => d.Name === dimension && mentions(d.Value, logicalId),
      ),
  );
}

describe('alarms', () => {
  it.each([...stack.functions.byRoute.keys()])(
    'fires when the %s function errors or is throttled',
    (name) => {
      const functionId = logicalIdOf(stack.functions.byRoute.get(name)!);
      for (const metric of ['Errors', 'Throttles']) {
        const [alarm] = alarmsOn(metric, 'FunctionName', functionId);
        expect(alarm).toMatchObject({
          Namespace: 'AWS/Lambda',
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        });
      }
    },
  );

  it('fires when the authorizer is throttled, but not on its errors, which are routine 401s', () => {
    const authorizerId = logicalIdOf(stack.functions.authorizer);
    expect(alarmsOn('Throttles', 'FunctionName', authorizerId)).toHaveLength(1);
    expect(alarmsOn('Errors', 'FunctionName', authorizerId)).toEqual([]);
  });

  it.each(stages.map((name) => [name]))(
    'fires when stage %s answers 5XX or its p99 latency stays high',
    (name) => {
      const stageId = logicalIdOf(stack.restApi.stages[name]);
      expect(alarmsOn('5XXError', 'Stage', stageId)).toEqual([
        expect.objectContaining({ Namespace: 'AWS/ApiGateway' }),
      ]);
      expect(alarmsOn('Latency', 'Stage', stageId)).toEqual([
        expect.objectContaining({ ExtendedStatistic: 'p99' }),
      ]);
    },
  );

  it('fires when DynamoDB throttles or fails requests on the tasks table', () => {
    for (const metricName of ['ThrottledRequests', 'SystemErrors']) {
      const matching = alarms.filter((alarm) =>
        (
          alarm.Metrics as
            { MetricStat?: { Metric: { MetricName: string; Dimensions: unknown } } }[] | undefined
        )?.some(
          (query) =>
            query.MetricStat?.Metric.MetricName === metricName &&
            mentions(query.MetricStat.Metric.Dimensions, tables.tasks.logicalId),
        ),
      );
      expect({ metricName, alarms: matching.length }).toEqual({ metricName, alarms: 1 });
    }
  });

  it('notifies the SNS alarm topic from every alarm', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
  });
});
