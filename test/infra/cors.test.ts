import { methodsByPath } from '../../functions/routes';
import { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS } from '../../functions/shared/http/cors';
import { gatewayResponses } from '../../lib/config/gateway-responses';
import { environmentNames, environments, type EnvironmentName } from '../../lib/config/environments';
import { CORS_CONTEXT_KEY } from '../../lib/infra/cors';
import { findMethod, onlyResourceOfType, resourcesOfType, synthesize } from './synth';

/**
 * CORS on AWS, per environment: off unless origins are listed (environments.ts, or -c taskApi:corsOrigins);
 * with origins, an OPTIONS MOCK on every resource answering without key or authorizer, the CORS headers on
 * every gateway response, on the 405 mocks and on WAF's 429, and the origins handed to every function.
 */

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';
const paths = [...methodsByPath()];

interface IntegrationResponse {
  StatusCode: string;
  ResponseParameters: Record<string, string>;
  ResponseTemplates?: Record<string, string>;
}
interface Integration {
  Type: string;
  IntegrationResponses: IntegrationResponse[];
}

const withOrigins = (origins: string, environment: EnvironmentName = 'prod') =>
  synthesize({ environment, context: { [CORS_CONTEXT_KEY]: origins } });

function gatewayResponseHeaders(template: ReturnType<typeof synthesize>['template']) {
  return resourcesOfType(template, 'AWS::ApiGateway::GatewayResponse').map(([, props]) => ({
    type: props.ResponseType as string,
    headers: props.ResponseParameters as Record<string, string>,
  }));
}

function functionVariables(template: ReturnType<typeof synthesize>['template']) {
  return resourcesOfType(template, 'AWS::Lambda::Function').map(
    ([, props]) =>
      (props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {},
  );
}

describe('CORS as each environment configures it (no origins: off)', () => {
  it.each(environmentNames.map((name) => [name]))('%s: no preflight, no CORS header anywhere', (name) => {
    expect(environments[name].corsOrigins).toEqual([]);
    const { template } = synthesize({ environment: name });
    const options = resourcesOfType(template, 'AWS::ApiGateway::Method').filter(
      ([, props]) => props.HttpMethod === 'OPTIONS',
    );
    expect(options).toEqual([]);
    expect(JSON.stringify(template.toJSON())).not.toContain('Access-Control-');
    for (const variables of functionVariables(template)) expect(variables).not.toHaveProperty('CORS_ORIGINS');
  });
});

describe.each([
  ['any origin', '*'],
  ['one origin', APP],
  ['two origins', `${APP},${ADMIN}`],
])('CORS for %s (-c taskApi:corsOrigins)', (_name, origins) => {
  const { template } = withOrigins(origins);
  const list = origins.split(',');
  const expectedOrigin = list.length > 1 ? 'method.request.header.Origin' : `'${list[0]}'`;

  it.each(paths.map(([path, methods]) => [path, methods]))(
    'answers the preflight on %s with a MOCK 204, without key or authorizer',
    (path, methods) => {
      const [, method] = findMethod(template, path, 'OPTIONS');
      const integration = method.Integration as Integration;
      const [response] = integration.IntegrationResponses;
      expect(method).toMatchObject({ ApiKeyRequired: false, AuthorizationType: 'NONE' });
      expect(integration.Type).toBe('MOCK');
      expect(response?.StatusCode).toBe('204');
      expect(response?.ResponseParameters).toMatchObject({
        'method.response.header.Access-Control-Allow-Origin': `'${list[0]}'`,
        'method.response.header.Access-Control-Allow-Methods': `'${methods.join(', ')}'`,
        'method.response.header.Access-Control-Allow-Headers': `'${CORS_ALLOW_HEADERS.join(', ')}'`,
        'method.response.header.Access-Control-Max-Age': expect.stringMatching(/^'\d+'$/),
      });
      const vtl = response?.ResponseTemplates?.['application/json'] ?? '';
      // A listed origin other than the static one is echoed by VTL; with one origin or *, nothing is.
      expect(list.filter((origin) => vtl.includes(`"${origin}"`))).toEqual(list.length > 1 ? list : []);
    },
  );

  it('puts the CORS headers on every gateway response', () => {
    const responses = gatewayResponseHeaders(template);
    expect(responses.map(({ type }) => type).sort()).toEqual(gatewayResponses.map(({ type }) => type).sort());
    for (const { type, headers } of responses) {
      expect({ type, origin: headers['gatewayresponse.header.Access-Control-Allow-Origin'] }).toEqual({
        type,
        origin: expectedOrigin,
      });
      expect(headers['gatewayresponse.header.Access-Control-Expose-Headers']).toBe(
        `'${CORS_EXPOSE_HEADERS.join(', ')}'`,
      );
      expect(headers['gatewayresponse.header.Vary']).toBe(origins === '*' ? undefined : "'Origin'");
    }
  });

  it('puts them on the 405 mocks, echoing a listed origin by VTL', () => {
    for (const [path] of paths) {
      const [, method] = findMethod(template, path, 'ANY');
      const [response] = (method.Integration as Integration).IntegrationResponses;
      expect(response?.ResponseParameters['method.response.header.Access-Control-Allow-Origin']).toBe(
        `'${list[0]}'`,
      );
      const body = response?.ResponseTemplates?.['application/json'] ?? '';
      expect(body.includes('$context.responseOverride.header.Access-Control-Allow-Origin')).toBe(
        list.length > 1,
      );
    }
  });

  it('hands the origins to every function', () => {
    for (const variables of functionVariables(template).filter((v) => 'TASKS_TABLE' in v))
      expect(variables.CORS_ORIGINS).toBe(origins);
  });

  it("puts them on WAF's 429 when they are static (WAF cannot copy a request header)", () => {
    const [, acl] = onlyResourceOfType(template, 'AWS::WAFv2::WebACL');
    const headers = JSON.stringify(acl.Rules);
    expect(headers.includes('Access-Control-Allow-Origin')).toBe(list.length === 1);
  });
});

describe('CORS configuration errors', () => {
  it('refuses an origin that could never match, at synth, naming the setting', () => {
    expect(() => withOrigins('https://app.example.com/')).toThrow(
      /taskApi:corsOrigins: "https:\/\/app\.example\.com\/"/,
    );
  });

  it('redeploys the stages when the origins change (the deployment hashes them)', () => {
    const deploymentOf = (origins: string) =>
      onlyResourceOfType(withOrigins(origins, 'dev').template, 'AWS::ApiGateway::Deployment')[0];
    expect(deploymentOf(APP)).not.toBe(deploymentOf(ADMIN));
  });
});
