import { problemTypes } from '../../functions/shared/errors/problem-types';
import { methodNotAllowedTemplate } from '../../lib/config/method-not-allowed';
import { authorizer, methodsByPath, routes, stages } from '../../functions/routes';
import type { RouteContract as RouteDefinition } from '../../functions/shared/http/route-contract';
import { stageThrottle } from '../../lib/config/usage-plans';
import { findMethod, logicalIdOf, mentions, onlyResourceOfType, resourcesOfType, synthesize } from './synth';

const { stack, template } = synthesize();
const allRoutes: readonly RouteDefinition[] = routes;

describe('REST API stages', () => {
  it('serves the v1 and v2 stages from one and the same deployment', () => {
    // Prepare
    const stagesByName = new Map(
      resourcesOfType(template, 'AWS::ApiGateway::Stage').map(([, p]) => [p.StageName, p]),
    );

    // Assert
    expect([...stagesByName.keys()].sort()).toEqual([...stages].sort());
    const deploymentIds = new Set([...stagesByName.values()].map((p) => JSON.stringify(p.DeploymentId)));
    expect(deploymentIds.size).toBe(1);
    const [deploymentId] = onlyResourceOfType(template, 'AWS::ApiGateway::Deployment');
    expect([...deploymentIds]).toEqual([JSON.stringify({ Ref: deploymentId })]);
  });

  it.each(stages.map((name) => [name]))(
    'logs every request on %s as JSON, traces, records metrics and applies the stage-wide throttle',
    (name) => {
      // Act
      const stage = logicalIdOf(stack.restApi.stages[name]);
      const props = resourcesOfType(template, 'AWS::ApiGateway::Stage').find(([id]) => id === stage)?.[1];
      const accessLog = props?.AccessLogSetting as { DestinationArn: unknown; Format: string };

      // Assert
      expect(props).toMatchObject({ StageName: name, TracingEnabled: true });
      expect(accessLog.DestinationArn).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
      expect(JSON.parse(accessLog.Format)).toMatchObject({
        requestId: '$context.requestId',
        status: '$context.status',
      });
      expect(props?.MethodSettings).toEqual([
        expect.objectContaining({
          HttpMethod: '*',
          ResourcePath: '/*',
          MetricsEnabled: true,
          ThrottlingRateLimit: stageThrottle.rateLimit,
          ThrottlingBurstLimit: stageThrottle.burstLimit,
        }),
      ]);
    },
  );

  it('creates the deployment only once every method exists', () => {
    // Prepare
    const [deploymentId] = onlyResourceOfType(template, 'AWS::ApiGateway::Deployment');
    const deployment = template.findResources('AWS::ApiGateway::Deployment')[deploymentId] as {
      DependsOn?: string[];
    };
    const methodIds = resourcesOfType(template, 'AWS::ApiGateway::Method').map(([id]) => id);

    // Assert
    expect(deployment.DependsOn).toEqual(expect.arrayContaining(methodIds));
  });
});

describe('REST API routes', () => {
  it.each(allRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s calls the live alias of its own function through a Lambda proxy integration',
    (_name, route) => {
      // Prepare
      const aliasId = logicalIdOf(stack.functions.liveByRoute.get(route.id)!);
      const functionId = logicalIdOf(stack.functions.byRoute.get(route.id)!);

      // Act
      const [, method] = findMethod(template, route.path, route.method);

      // Assert
      expect(method.Integration).toMatchObject({ Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' });
      expect(mentions(method.Integration, aliasId)).toBe(true);
      // Never the function itself: its $LATEST would bypass CodeDeploy's gradual shift.
      expect(mentions(method.Integration, functionId)).toBe(false);
    },
  );

  it('requires an API key on every route except GET /health, /openapi.json, /docs and its files', () => {
    const keyless = ['/health', '/openapi.json', '/docs', '/docs/{asset}'];
    for (const route of allRoutes) {
      const [, method] = findMethod(template, route.path, route.method);
      expect({ route: route.id, apiKeyRequired: method.ApiKeyRequired }).toEqual({
        route: route.id,
        apiKeyRequired: !(route.method === 'GET' && keyless.includes(route.path)),
      });
    }
  });

  it('puts the bearer-token authorizer (TOKEN, Authorization header, cached 300 s, through its live alias) in front of the jwt routes only', () => {
    // Prepare
    const [authorizerId, authorizerProps] = onlyResourceOfType(template, 'AWS::ApiGateway::Authorizer');

    // Assert
    expect(authorizerProps).toMatchObject({
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 300,
    });
    expect(authorizerProps.AuthorizerResultTtlInSeconds).toBe(authorizer.resultsCacheTtlSeconds);
    expect(mentions(authorizerProps.AuthorizerUri, logicalIdOf(stack.functions.liveAuthorizer))).toBe(true);
    for (const route of allRoutes) {
      const [, method] = findMethod(template, route.path, route.method);
      const expected =
        route.auth === 'jwt'
          ? { AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } }
          : { AuthorizationType: 'NONE' };
      expect({ route: route.id, ...pick(method, ['AuthorizationType', 'AuthorizerId']) }).toEqual({
        route: route.id,
        ...expected,
      });
    }
  });
});

describe('405 Method Not Allowed', () => {
  const allowed = [...methodsByPath()];

  it('lists exactly the route table methods in Allow', () => {
    expect(allowHeaderOf('/tasks/{id}')).toBe("'GET, PUT, PATCH, DELETE'");
    for (const [path, methods] of allowed) expect(allowHeaderOf(path)).toBe(`'${methods.join(', ')}'`);
  });

  it.each(allowed.map(([path]) => [path]))(
    'answers other methods on %s with a 405 problem+json from a MOCK integration, behind the API key',
    (path) => {
      // Act
      const [, method] = findMethod(template, path, 'ANY');
      const integration = method.Integration as IntegrationShape;
      const [response] = integration.IntegrationResponses;

      // Assert
      expect(method.ApiKeyRequired).toBe(true);
      expect(integration.Type).toBe('MOCK');
      expect(response?.StatusCode).toBe('405');
      expect(response?.ResponseParameters['method.response.header.Content-Type']).toBe(
        "'application/problem+json'",
      );
      // The same builder renders the local gateway's 405, so both send the same bytes.
      expect(response?.ResponseTemplates['application/json']).toBe(
        methodNotAllowedTemplate(methodsByPath().get(path)!),
      );
      expect(JSON.parse(response?.ResponseTemplates['application/json'] ?? '')).toEqual({
        type: 'https://task-api.dev/problems/method-not-allowed',
        title: 'Method not allowed',
        status: problemTypes['method-not-allowed'].status,
        detail: expect.stringContaining(methodsByPath().get(path)!.join(', ')),
        request_id: '$context.requestId',
      });
      expect(method.MethodResponses).toEqual([
        expect.objectContaining({
          StatusCode: '405',
          ResponseParameters: expect.objectContaining({ 'method.response.header.Allow': true }),
        }),
      ]);
    },
  );

  function allowHeaderOf(path: string): string | undefined {
    const [, method] = findMethod(template, path, 'ANY');
    const [response] = (method.Integration as IntegrationShape).IntegrationResponses;
    return response?.ResponseParameters['method.response.header.Allow'];
  }
});

describe('stack outputs', () => {
  it('names the v1 and v2 roots and the API key ids, with the command that reads a key value', () => {
    // Prepare
    const outputs = template.findOutputs('*') as Record<string, { Value: unknown; Description?: string }>;

    // Assert
    for (const name of stages) {
      const stageId = logicalIdOf(stack.restApi.stages[name]);
      const url = outputs[`${name.toUpperCase()}Url`];
      expect(mentions(url?.Value, stageId)).toBe(true);
    }
    for (const plan of ['Basic', 'Premium']) {
      expect(outputs[`${plan}ApiKeyId`]?.Description).toContain('aws apigateway get-api-key --api-key');
      expect(outputs[`${plan}ApiKeyId`]?.Value).toEqual({ Ref: expect.any(String) });
    }
  });
});

interface IntegrationShape {
  Type: string;
  IntegrationResponses: {
    StatusCode: string;
    ResponseParameters: Record<string, string>;
    ResponseTemplates: Record<string, string>;
  }[];
}

function pick(record: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => key in record).map((key) => [key, record[key]]));
}
