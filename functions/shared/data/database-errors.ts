/**
 * Classifies errors from the AWS SDK without importing it, so functions that never touch DynamoDB
 * (health, docs) do not bundle or construct a client just to render errors.
 */
interface SdkErrorShape {
  $fault?: 'client' | 'server';
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/**
 * True when DynamoDB could not serve the request (throttled, unavailable, unreachable, timed out): the
 * client should retry later (503), as opposed to a bug (500).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  // Connection failures and the SDK's request timeout (a TimeoutError) never reached DynamoDB.
  if ((code !== undefined && NETWORK_CODES.has(code)) || error.name === 'TimeoutError') return true;
  const sdk = error as Error & SdkErrorShape;
  return sdk.$retryable !== undefined || sdk.$fault === 'server' || sdk.$metadata?.httpStatusCode === 503;
}
