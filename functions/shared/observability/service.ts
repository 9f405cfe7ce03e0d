/**
 * The names every log line, metric and trace of the API carries, in one place: the CDK stack (dashboard,
 * alarms, environment) and the functions read them from here.
 */

/** Powertools' `service`: the `service` key of every log line and the `service` dimension of every metric. */
export const SERVICE_NAME = 'task-api';

/** The CloudWatch namespace of the API's own metrics (Embedded Metric Format). */
export const METRICS_NAMESPACE = 'TaskApi';

/**
 * The log key holding API Gateway's request id: the `X-Request-Id` header and a problem's `request_id`
 * carry the same value, so one search finds a request's every line. (`function_request_id`, Powertools'
 * own key, is Lambda's invocation id: a different value.)
 */
export const REQUEST_ID_KEY = 'request_id';

/** The message of the one access line each request writes when it completes. */
export const ACCESS_LOG_MESSAGE = 'request completed';

/** The message of the authorizer's one line per invocation (`decision`: allowed, rejected, failed). */
export const AUTHORIZER_LOG_MESSAGE = 'authorizer decision';
