import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import { problemTypes } from '../../functions/shared/errors/problem-types';
import type { CorsOrigins } from '../config/cors';
import {
  GATEWAY_COMMON_HEADERS,
  gatewayResponses,
  gatewayResponseTemplate,
} from '../config/gateway-responses';
import { corsDescription, gatewayResponseCorsMappings } from './cors';
import { staticHeader } from './static-header';

export interface ProblemGatewayResponsesProps {
  readonly api: apigateway.RestApi;
  /** Gateway responses take effect on the next deployment, so they are hashed into its logical id. */
  readonly deployment: apigateway.Deployment;
  /** Origins allowed from browsers: every gateway response then carries the CORS headers. @default off */
  readonly cors?: CorsOrigins;
}

/**
 * The answers API Gateway gives on its own (bad key, bad token, throttled, unknown route, ...), rendered
 * as problem+json from the same definitions the local gateway uses, with each problem's status code, and
 * with CORS on, the CORS headers a browser needs to read them.
 */
export class ProblemGatewayResponses extends Construct {
  constructor(scope: Construct, id: string, props: ProblemGatewayResponsesProps) {
    super(scope, id);
    const cors = props.cors ?? { kind: 'off' };
    const corsMappings = gatewayResponseCorsMappings(cors);
    for (const definition of gatewayResponses) {
      const headers: Record<string, string> = { ...GATEWAY_COMMON_HEADERS, ...definition.headers };
      props.api.addGatewayResponse(definition.type, {
        type: apigateway.ResponseType.of(definition.type),
        statusCode: String(problemTypes[definition.kind].status),
        responseHeaders: {
          ...Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, staticHeader(value)])),
          ...corsMappings,
        },
        templates: { 'application/json': gatewayResponseTemplate(definition) },
      });
    }
    props.deployment.addToLogicalId({ gatewayResponses, cors: corsDescription(cors) });
  }
}
