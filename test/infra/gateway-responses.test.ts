import { problemTypes } from '../../functions/shared/errors/problem-types';
import {
  gatewayResponses,
  gatewayResponseTemplate,
  type GatewayResponseType,
} from '../../lib/config/gateway-responses';
import { resourcesOfType, synthesize } from './synth';

const { template } = synthesize();
const deployed = new Map(
  resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse').map(([, props]) => [
    props.ResponseType as GatewayResponseType,
    props as {
      StatusCode: string;
      ResponseParameters: Record<string, string>;
      ResponseTemplates: Record<string, string>;
    },
  ]),
);

function header(type: GatewayResponseType, name: string): string | undefined {
  return deployed.get(type)?.ResponseParameters[`gatewayresponse.header.${name}`];
}

describe('gateway responses', () => {
  it.each(gatewayResponses.map((definition) => [definition.type, definition] as const))(
    '%s answers problem+json with its problem status',
    (type, definition) => {
      // Act
      const response = deployed.get(type);
      const body = JSON.parse(response?.ResponseTemplates['application/json'] ?? '{}') as Record<
        string,
        unknown
      >;

      // Assert
      const status = problemTypes[definition.kind].status;
      expect(response?.StatusCode).toBe(String(status));
      expect(header(type, 'Content-Type')).toBe("'application/problem+json'");
      // The local gateway renders the same template, so both send the same bytes.
      expect(response?.ResponseTemplates['application/json']).toBe(gatewayResponseTemplate(definition));
      expect(body).toMatchObject({
        status,
        title: problemTypes[definition.kind].title,
        request_id: '$context.requestId',
      });
    },
  );

  it('answers a missing token with 401 and WWW-Authenticate: Bearer', () => {
    expect(deployed.get('UNAUTHORIZED')?.StatusCode).toBe('401');
    expect(header('UNAUTHORIZED', 'WWW-Authenticate')).toBe("'Bearer'");
  });

  it('tells throttled and over-quota clients when to retry (429 with Retry-After)', () => {
    for (const type of ['THROTTLED', 'QUOTA_EXCEEDED'] as const) {
      expect(deployed.get(type)?.StatusCode).toBe('429');
      expect(header(type, 'Retry-After')).toMatch(/^'\d+'$/);
    }
  });

  it('answers an unknown route with 404, not the gateway default 403', () => {
    expect(deployed.get('MISSING_AUTHENTICATION_TOKEN')?.StatusCode).toBe('404');
  });

  it('answers a missing or unknown API key with 403', () => {
    expect(deployed.get('INVALID_API_KEY')?.StatusCode).toBe('403');
  });
});
