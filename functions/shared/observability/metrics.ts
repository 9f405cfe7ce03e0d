import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ApiMetric } from './api-metrics';
import { logger } from './logger';
import { METRICS_NAMESPACE, SERVICE_NAME } from './service';

/**
 * The functions' one Powertools Metrics instance: CloudWatch Embedded Metric Format documents in the
 * function's log stream, namespace `TaskApi`, default dimension `service`; the request middleware adds
 * `stage` and publishes once per request (only when something was counted). Its own warnings go through
 * the functions' logger (structured, at `LOG_LEVEL`), not a bare console line.
 */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME, logger });

/**
 * Counts one occurrence of an API metric in the current request. Most metrics are derived from the answer
 * by the request middleware; this is the hook for events the answer alone cannot tell apart (which of
 * two limits refused a login). One line where it happens: `countMetric('AccountLoginLimitHits')`.
 */
export function countMetric(name: ApiMetric): void {
  metrics.addMetric(name, MetricUnit.Count, 1);
}

/**
 * Ends the request's metrics: one EMF document when something was counted (none otherwise: Powertools
 * would warn about an empty one), and the request's dimensions and metadata cleared either way.
 */
export function publishRequestMetrics(): void {
  if (metrics.hasStoredMetrics()) {
    metrics.publishStoredMetrics();
    return;
  }
  metrics.clearDimensions();
  metrics.clearMetadata();
}
