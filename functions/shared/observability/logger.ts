import { Logger, LogLevel } from '@aws-lambda-powertools/logger';
import { isError, loggableError } from './loggable-error';
import { SERVICE_NAME } from './service';

type Level = (typeof LogLevel)[keyof typeof LogLevel];
const LEVELS: readonly Level[] = Object.values(LogLevel);

/**
 * `POWERTOOLS_LOG_LEVEL` or `LOG_LEVEL` (`debug` … `silent`, any case), as Powertools wants it. Read from
 * the environment directly, not through `env()`: the light functions (health, docs) log too and must not
 * load zod. Lambda's own log-level control (`AWS_LAMBDA_LOG_LEVEL`), when set, still wins (Powertools).
 */
function logLevel(): Level {
  const level = (process.env.POWERTOOLS_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'info').toUpperCase();
  return LEVELS.find((known) => known === level) ?? LogLevel.INFO;
}

/** Errors are logged as {@link loggableError} shapes, never with the data an SDK error may carry. */
function safeErrors(_key: string, value: unknown): unknown {
  return isError(value) ? loggableError(value) : value;
}

/**
 * The functions' one logger (Powertools Logger): JSON lines with level, message, timestamp, service,
 * the Lambda context (function name, `cold_start`, ...) and the X-Ray trace id; the request middleware
 * adds the request's keys (`request_id`, stage, route, user). A debug sample of requests is set by
 * `POWERTOOLS_LOGGER_SAMPLE_RATE` (0..1). The event is never logged (it holds the body and the token).
 */
export const logger = new Logger({
  serviceName: SERVICE_NAME,
  logLevel: logLevel(),
  jsonReplacerFn: safeErrors,
});
