import { authorizer, routes, stages } from '../../functions/routes';
import { environmentNames, environments } from '../../lib/config/environments';
import { findMethod, logicalIdOf, onlyResourceOfType, resourcesOfType, synthesize } from './synth';

/**
 * What the gateway does before a function runs, and the bounds on the authorizer: execution logs of
 * failures (never a data trace), request validation of the routes' parameters, the bearer format checked
 * before the authorizer is invoked, and the authorizer's reserved concurrency per environment.
 */
const { stack, template } = synthesize();

describe('stage execution logs', () => {
  it.each(stages.map((name) => [name]))(
    '%s logs failures only, never bodies or headers, into a group it cannot outlive unbounded',
    (name) => {
      const stageId = logicalIdOf(stack.restApi.stages[name]);
      const [, stage] = resourcesOfType(template, 'AWS::ApiGateway::Stage').find(([id]) => id === stageId)!;
      expect(stage.MethodSettings).toEqual([
        expect.objectContaining({
          HttpMethod: '*',
          ResourcePath: '/*',
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
        }),
      ]);
      // API Gateway's own name for the group, created by the stack first, so that it has a retention.
      const restApiId = logicalIdOf(stack.restApi.api);
      const groups = resourcesOfType(template, 'AWS::Logs::LogGroup').filter(
        ([, props]) =>
          JSON.stringify(props.LogGroupName) ===
          JSON.stringify({
            'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: restApiId }, `/${name}`]],
          }),
      );
      expect(groups).toHaveLength(1);
      const [groupId, groupProps] = groups[0]!;
      expect(groupProps.RetentionInDays).toBe(environments.prod.logs.retention);
      const stageResource = template.findResources('AWS::ApiGateway::Stage')[stageId] as {
        DependsOn?: string[];
      };
      expect(stageResource.DependsOn).toContain(groupId);
    },
  );
});

describe('request validation at the gateway', () => {
  it('has one validator (parameters and bodies) on every route, requiring its path parameters', () => {
    const [validatorId, validator] = onlyResourceOfType(template, 'AWS::ApiGateway::RequestValidator');
    expect(validator).toMatchObject({ ValidateRequestParameters: true, ValidateRequestBody: true });
    for (const route of routes) {
      const [, method] = findMethod(template, route.path, route.method);
      const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map(
        ([, name]) => `method.request.path.${name}`,
      );
      expect({
        route: route.id,
        validator: method.RequestValidatorId,
        parameters: method.RequestParameters,
      }).toEqual({
        route: route.id,
        validator: { Ref: validatorId },
        parameters:
          parameters.length > 0 ? Object.fromEntries(parameters.map((name) => [name, true])) : undefined,
      });
      // No gateway model: the functions validate bodies (422 with the field errors).
      expect(method.RequestModels).toBeUndefined();
    }
  });
});

describe('the bearer-token authorizer', () => {
  it('only runs for `Bearer <JWS>`: the identity validation expression is its contract’s', () => {
    const [, props] = onlyResourceOfType(template, 'AWS::ApiGateway::Authorizer');
    expect(props.IdentityValidationExpression).toBe(authorizer.identityValidationExpression);
  });

  it.each([
    ['a token as login issues it', true, 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'],
    ['the scheme in another case', true, 'bearer a.b.c'],
    ['no scheme', false, 'a.b.c'],
    ['Basic credentials', false, 'Basic YTpi'],
    ['two parts', false, 'Bearer a.b'],
    ['four parts', false, 'Bearer a.b.c.d'],
    ['characters outside base64url', false, 'Bearer a+b.c.d'],
    ['a part over 512 characters', false, `Bearer ${'a'.repeat(513)}.b.c`],
  ])('%s: let through = %s', (_case, matches, header) => {
    // The same expression runs in Java on AWS; it uses nothing Java and JavaScript read differently.
    expect(new RegExp(authorizer.identityValidationExpression).test(header)).toBe(matches);
  });

  it.each(environmentNames.map((name) => [name]))(
    '%s: reserves the configured concurrency for it (a ceiling on what forged tokens can take)',
    (name) => {
      const { stack: environmentStack, template: environmentTemplate } = synthesize({ environment: name });
      const authorizerId = logicalIdOf(environmentStack.functions.authorizer);
      const [, fn] = resourcesOfType(environmentTemplate, 'AWS::Lambda::Function').find(
        ([id]) => id === authorizerId,
      )!;
      expect(fn.ReservedConcurrentExecutions).toBe(environments[name].functions.authorizerConcurrency);
      const others = resourcesOfType(environmentTemplate, 'AWS::Lambda::Function').filter(
        ([id, props]) => id !== authorizerId && props.ReservedConcurrentExecutions !== undefined,
      );
      expect(others).toEqual([]);
    },
  );

  it('reserves some in staging and prod, none in dev (a new account may hold too little to reserve)', () => {
    expect(environments.prod.functions.authorizerConcurrency).toBeGreaterThan(0);
    expect(environments.staging.functions.authorizerConcurrency).toBe(
      environments.prod.functions.authorizerConcurrency,
    );
    expect(environments.dev.functions.authorizerConcurrency).toBeUndefined();
  });
});
