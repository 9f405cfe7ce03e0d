import { metrics } from './metrics';
import { SERVICE_NAME } from './service';
import { startInvocationTrace } from './tracing';

/**
 * What every observed invocation records first, a route's or the authorizer's: the stage as the metrics'
 * dimension, the `ColdStart` metric, and the trace's root subsegment (`## <id>`) with its searchable
 * annotations.
 */
export function beginObservedInvocation(id: string, stage: string, coldStart: boolean): void {
  metrics.addDimension('stage', stage);
  metrics.captureColdStartMetric(id);
  startInvocationTrace(`## ${id}`, { route: id, stage, ColdStart: coldStart, Service: SERVICE_NAME });
}
