import type { APIGatewayProxyEvent } from 'aws-lambda';
import { corsOriginsFromEnv, type CorsOrigins } from '../../config/cors-origins';
import { corsResponseHeaders } from '../cors';
import type { ApiMiddleware, ApiMiddlewareRequest } from './types';

/** The request's `Origin` (header names are case-insensitive; a repeated header's last value). */
function originOf(event: APIGatewayProxyEvent): string | undefined {
  let origin: string | undefined;
  for (const [name, value] of Object.entries(event.headers ?? {}))
    if (name.toLowerCase() === 'origin' && value !== undefined) origin = value;
  return origin;
}

/**
 * Stamps every answer, errors included, with the CORS headers for the request's Origin
 * (`Access-Control-Allow-Origin`, `-Expose-Headers`, `Vary: Origin`). Preflights never reach a function: the
 * gateway answers them. The allowed origins are read once, when the handler is built (cold start).
 */
export function cors(origins: CorsOrigins = corsOriginsFromEnv()): ApiMiddleware {
  const corsStamp = (request: ApiMiddlewareRequest): void => {
    const response = request.response;
    if (!response || origins.kind === 'off') return;
    const { Vary: vary, ...headers } = corsResponseHeaders(origins, originOf(request.event));
    const existingVary = response.headers.Vary;
    response.headers = { ...response.headers, ...headers };
    if (vary !== undefined) response.headers.Vary = existingVary ? `${existingVary}, ${vary}` : vary;
  };
  return { after: corsStamp, onError: corsStamp };
}
