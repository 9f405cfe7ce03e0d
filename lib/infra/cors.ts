import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type { Construct } from 'constructs';
import {
  formatCorsOrigins,
  gatewayResponseCorsHeaders,
  originOverrideTemplate,
  parseCorsOrigins,
  PREFLIGHT_STATUS,
  preflightCorsHeaders,
  type CorsOrigins,
} from '../config/cors';
import { staticHeader } from './static-header';

/**
 * CDK context key that overrides an environment's CORS origins for one command
 * (`-c taskApi:corsOrigins=https://app.example.com,https://admin.example.com`, or `*`); an empty value turns
 * CORS off. lib/config/environments.ts holds each environment's default (none).
 */
export const CORS_CONTEXT_KEY = 'taskApi:corsOrigins';

/** The environment's origins, or the context's when `-c taskApi:corsOrigins=…` (or cdk.json) sets them. */
export function corsOriginsFor(scope: Construct, configured: readonly string[]): CorsOrigins {
  const value: unknown = scope.node.tryGetContext(CORS_CONTEXT_KEY);
  if (value === undefined) return parseCorsOrigins(configured, 'corsOrigins');
  if (typeof value === 'string') return parseCorsOrigins(value, CORS_CONTEXT_KEY);
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string'))
    return parseCorsOrigins(value, CORS_CONTEXT_KEY);
  throw new Error(`${CORS_CONTEXT_KEY} must be a comma-separated list of origins, or an array of them`);
}

/**
 * The CORS preflight of one resource: an `OPTIONS` method with a MOCK integration answering 204, without API
 * key or authorizer (browsers send neither on a preflight). `Access-Control-Allow-Origin` is `*`, or the
 * first listed origin, overridden by the request's Origin when it is listed (VTL); explicit methods win
 * over the resource's `ANY` 405 method, so OPTIONS never reaches it.
 */
export function addPreflight(
  resource: apigateway.IResource,
  methods: readonly string[],
  origins: CorsOrigins,
): apigateway.Method {
  const { headers, echoedOrigins } = preflightCorsHeaders(origins, methods);
  const status = String(PREFLIGHT_STATUS);
  return resource.addMethod(
    'OPTIONS',
    new apigateway.MockIntegration({
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      integrationResponses: [
        {
          statusCode: status,
          responseParameters: staticResponseParameters(headers),
          ...(echoedOrigins.length > 0
            ? { responseTemplates: { 'application/json': originOverrideTemplate(echoedOrigins) } }
            : {}),
        },
      ],
    }),
    {
      apiKeyRequired: false,
      authorizationType: apigateway.AuthorizationType.NONE,
      methodResponses: [{ statusCode: status, responseParameters: declaredResponseHeaders(headers) }],
    },
  );
}

/**
 * The CORS headers of the gateway responses as API Gateway mappings: static values, or
 * `method.request.header.Origin` (with several origins: see `gatewayResponseCorsHeaders`).
 */
export function gatewayResponseCorsMappings(origins: CorsOrigins): Record<string, string> {
  return Object.fromEntries(
    Object.entries(gatewayResponseCorsHeaders(origins)).map(([name, source]) => [
      name,
      'value' in source ? staticHeader(source.value) : `method.request.header.${source.requestHeader}`,
    ]),
  );
}

/** What a deployment must change with: the origins, as configuration spells them. */
export function corsDescription(origins: CorsOrigins): string {
  return formatCorsOrigins(origins);
}

/** Static header values as a MOCK integration response's `responseParameters`. */
export function staticResponseParameters(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [`method.response.header.${name}`, staticHeader(value)]),
  );
}

/** The method response's declaration of those headers (API Gateway sends only declared ones). */
export function declaredResponseHeaders(headers: Readonly<Record<string, string>>): Record<string, boolean> {
  return Object.fromEntries(Object.keys(headers).map((name) => [`method.response.header.${name}`, true]));
}
