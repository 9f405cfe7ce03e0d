import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { problemTypes } from '../../functions/shared/errors/problem-types';
import { mockCorsHeaders, originOverrideTemplate, type CorsOrigins } from '../config/cors';
import { GATEWAY_COMMON_HEADERS } from '../config/gateway-responses';
import {
  allowHeader,
  METHOD_NOT_ALLOWED_CONTENT_TYPES,
  methodNotAllowedTemplate,
} from '../config/method-not-allowed';
import type { HttpMethod } from '../../functions/shared/http/route-contract';
import { staticHeader } from './static-header';

/**
 * Adds an `ANY` method that answers 405 problem+json with `Allow` (the body and header builders are shared
 * with the local gateway). API Gateway always prefers an explicit method over `ANY`, so this only catches
 * methods the route table does not list for the resource. A MOCK integration answers without invoking
 * anything. It requires an API key like the routes it shadows, so an anonymous caller learns nothing. With
 * CORS on, it carries the CORS headers of a MOCK answer (the Origin echoed when listed).
 */
export function addMethodNotAllowed(
  resource: apigateway.IResource,
  allowed: readonly HttpMethod[],
  cors: CorsOrigins = { kind: 'off' },
): apigateway.Method {
  const corsHeaders = mockCorsHeaders(cors);
  const headers: Record<string, string> = {
    ...GATEWAY_COMMON_HEADERS,
    Allow: allowHeader(allowed),
    ...corsHeaders.headers,
  };
  const status = problemTypes['method-not-allowed'].status;
  const integration = new apigateway.MockIntegration({
    // A MOCK answers with the status code its request template names; a Content-Type without a template
    // is refused by the gateway (passthrough NEVER) rather than passed to a mock that could not read it.
    requestTemplates: Object.fromEntries(
      METHOD_NOT_ALLOWED_CONTENT_TYPES.map((type) => [type, JSON.stringify({ statusCode: status })]),
    ),
    passthroughBehavior: apigateway.PassthroughBehavior.NEVER,
    integrationResponses: [
      {
        statusCode: String(status),
        responseTemplates: {
          'application/json':
            originOverrideTemplate(corsHeaders.echoedOrigins) + methodNotAllowedTemplate(allowed),
        },
        responseParameters: Object.fromEntries(
          Object.entries(headers).map(([name, value]) => [
            `method.response.header.${name}`,
            staticHeader(value),
          ]),
        ),
      },
    ],
  });
  return resource.addMethod('ANY', integration, {
    apiKeyRequired: true,
    authorizationType: apigateway.AuthorizationType.NONE,
    methodResponses: [
      {
        statusCode: String(status),
        responseParameters: Object.fromEntries(
          Object.keys(headers).map((name) => [`method.response.header.${name}`, true]),
        ),
      },
    ],
  });
}
