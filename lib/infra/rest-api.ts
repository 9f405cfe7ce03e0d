import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { authorizer, methodsByPath, routes, stages, type StageName } from '../../functions/routes';
import { stageThrottle } from '../config/usage-plans';
import type { CorsOrigins } from '../config/cors';
import { methodNotAllowedTemplate } from '../config/method-not-allowed';
import { addPreflight, corsDescription } from './cors';
import { addMethodNotAllowed } from './method-not-allowed';
import { acknowledgeNag } from './nag';

/** How the usage plans' `methodThrottles` name a method: `"<path> <METHOD>"`. */
export function methodKey(path: string, method: string): string {
  return `${path} ${method}`;
}

export interface TaskRestApiProps {
  /** What each route invokes, by route id: the `live` alias of its function. */
  readonly routeFunctions: ReadonlyMap<string, lambda.IFunction>;
  /** What the bearer-token authorizer invokes: the `live` alias of its function. */
  readonly authorizerFunction: lambda.IFunction;
  /** The REST API's name, unique per environment (the deployment alarms find its metrics by it). */
  readonly restApiName?: string;
  /** The stages' access log groups. @default one month, retained */
  readonly accessLogs?: { readonly retention: logs.RetentionDays; readonly retain: boolean };
  /** Origins allowed from browsers: each resource then answers the CORS preflight. @default off */
  readonly cors?: CorsOrigins;
}

/**
 * The REST API from the route table: one resource per path, one Lambda-proxy method per route (API key
 * and bearer token as the row says), a 405 `ANY` per path, an `OPTIONS` preflight per path when CORS is on,
 * and one deployment served by the two stages (= API versions). The functions read the stage from the event
 * to pick the version's representation.
 */
export class TaskRestApi extends Construct {
  readonly api: apigateway.RestApi;
  /** The one deployment both stages serve; its logical id changes whenever the API's shape does. */
  readonly deployment: apigateway.Deployment;
  readonly stages: Readonly<Record<StageName, apigateway.Stage>>;
  /** Each stage's access log group (one JSON line per request). */
  readonly accessLogGroups: ReadonlyMap<StageName, logs.ILogGroup>;
  /** Every route's method, by `methodKey(path, method)`. */
  readonly methods: ReadonlyMap<string, apigateway.Method>;
  private readonly accessLogs: NonNullable<TaskRestApiProps['accessLogs']>;

  constructor(scope: Construct, id: string, props: TaskRestApiProps) {
    super(scope, id);
    this.accessLogs = props.accessLogs ?? { retention: logs.RetentionDays.ONE_MONTH, retain: true };
    this.api = new apigateway.RestApi(this, 'Api', {
      restApiName: props.restApiName ?? 'task-api',
      description: 'Task Manager REST API (stages v1 and v2)',
      // Stages are declared below, one per version, on one shared deployment.
      deploy: false,
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Stage access logs need the account's API Gateway → CloudWatch Logs role: an account-and-region-wide
      // setting (AWS::ApiGateway::Account) that the account stack owns, not each environment's API.
      cloudWatchRole: false,
    });

    const tokenAuthorizer = new apigateway.TokenAuthorizer(this, 'BearerAuthorizer', {
      handler: props.authorizerFunction,
      identitySource: apigateway.IdentitySource.header(authorizer.identityHeader),
      // Anything but `Bearer <JWS>` is a 401 without invoking the function.
      validationRegex: authorizer.identityValidationExpression,
      resultsCacheTtl: Duration.seconds(authorizer.resultsCacheTtlSeconds),
    });

    // The gateway checks what it can before a function runs: each route's declared parameters (its path
    // parameters) are present. Bodies have no gateway model on purpose: the functions validate every body
    // with the route's zod schema and answer 422 with the field errors, which a gateway model (a generic 400,
    // JSON Schema draft 4, a second copy of each schema) would pre-empt.
    const validator = this.api.addRequestValidator('RequestValidator', {
      requestValidatorName: 'parameters-and-bodies',
      validateRequestParameters: true,
      validateRequestBody: true,
    });

    const methods = new Map<string, apigateway.Method>();
    for (const route of routes) {
      const fn = props.routeFunctions.get(route.id);
      if (!fn) throw new Error(`No function for route ${route.id}`);
      const method = this.api.root
        .resourceForPath(route.path)
        .addMethod(route.method, new apigateway.LambdaIntegration(fn), {
          apiKeyRequired: route.apiKey,
          requestValidator: validator,
          requestParameters: pathParameters(route.path),
          ...(route.auth === 'jwt'
            ? { authorizer: tokenAuthorizer, authorizationType: apigateway.AuthorizationType.CUSTOM }
            : { authorizationType: apigateway.AuthorizationType.NONE }),
        });
      if (route.auth === 'jwt') {
        acknowledgeNag(
          method,
          'COG4',
          'Authorized by the bearer-token Lambda authorizer: the API issues and verifies its own JWTs (login), with revocation and key rotation; there is no Cognito user pool to use',
        );
      } else {
        acknowledgeNag(
          method,
          'APIG4',
          `${route.method} ${route.path} is public by contract (health, the OpenAPI document, register and login, which issue the credentials); ${route.apiKey ? 'it requires an API key (usage plan) and' : 'it is read-only,'} throttled by the stage and WAF`,
        );
        acknowledgeNag(
          method,
          'COG4',
          `${route.method} ${route.path} is public by contract: its caller is not signed in (yet), so no user pool could authorize it`,
        );
      }
      methods.set(methodKey(route.path, route.method), method);
    }
    const allowed = methodsByPath();
    const cors = props.cors ?? { kind: 'off' };
    for (const [path, pathMethods] of allowed) {
      const resource = this.api.root.resourceForPath(path);
      const mocks = [addMethodNotAllowed(resource, pathMethods, cors)];
      if (cors.kind !== 'off') mocks.push(addPreflight(resource, pathMethods, cors));
      for (const mock of mocks) {
        const reason = `${mock.httpMethod} ${path} is a MOCK integration answering ${
          mock.httpMethod === 'OPTIONS'
            ? 'the CORS preflight (browsers send no credentials on it)'
            : '405 with Allow'
        }: nothing runs and no data is read`;
        acknowledgeNag(mock, 'APIG4', reason);
        acknowledgeNag(mock, 'COG4', reason);
      }
    }
    this.methods = methods;

    this.deployment = new apigateway.Deployment(this, 'Deployment', {
      api: this.api,
      description: 'Task API (served by stages v1 and v2)',
    });
    // With `deploy: false` nothing hashes the methods into the deployment's logical id, and CloudFormation
    // only redeploys when that id changes: hash what the deployment snapshots.
    this.deployment.addToLogicalId({
      // What the gateway itself knows of each route (its schemas live in the functions).
      routes: routes.map(({ id, method, path, auth, apiKey }) => ({ id, method, path, auth, apiKey })),
      authorizer,
      // What the integrations invoke (resolved to logical ids): pointing them at other functions or aliases
      // is a change of the methods, which the stages only see through a new deployment.
      invokes: [...props.routeFunctions].map(([id, fn]) => [id, fn.functionArn]),
      authorizerInvokes: props.authorizerFunction.functionArn,
      methodNotAllowed: [...allowed].map(([path, pathMethods]) => [
        path,
        methodNotAllowedTemplate(pathMethods),
      ]),
      // The preflights and the CORS headers of the mocks.
      cors: corsDescription(cors),
      requestValidation: routes.map(({ id, path }) => [id, pathParameters(path)]),
    });

    const accessLogGroups = new Map<StageName, logs.ILogGroup>();
    this.accessLogGroups = accessLogGroups;
    this.stages = Object.fromEntries(
      stages.map((name) => [name, this.stage(name, accessLogGroups)]),
    ) as Record<StageName, apigateway.Stage>;
  }

  private stage(name: StageName, logGroups: Map<StageName, logs.ILogGroup>): apigateway.Stage {
    const removalPolicy = this.accessLogs.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const accessLogs = new logs.LogGroup(this, `${name}AccessLogs`, {
      retention: this.accessLogs.retention,
      removalPolicy,
    });
    // API Gateway writes execution logs to a group it names itself and would create without a retention:
    // created here first, under that name, with the environment's retention.
    const executionLogs = new logs.LogGroup(this, `${name}ExecutionLogs`, {
      logGroupName: `API-Gateway-Execution-Logs_${this.api.restApiId}/${name}`,
      retention: this.accessLogs.retention,
      removalPolicy,
    });
    logGroups.set(name, accessLogs);
    const stage = new apigateway.Stage(this, `${name}Stage`, {
      deployment: this.deployment,
      stageName: name,
      accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
      accessLogFormat: ACCESS_LOG_FORMAT,
      // Execution logs of failures only (authorizer errors, integration errors, the gateway's own 4XX/5XX),
      // and never a data trace: that would log request bodies (passwords) and headers (tokens, keys).
      loggingLevel: apigateway.MethodLoggingLevel.ERROR,
      dataTraceEnabled: false,
      tracingEnabled: true,
      metricsEnabled: true,
      // The stage-wide default: a second line behind the per-key usage plans.
      throttlingRateLimit: stageThrottle.rateLimit,
      throttlingBurstLimit: stageThrottle.burstLimit,
    });
    stage.node.addDependency(executionLogs);
    return stage;
  }
}

/** `method.request.path.<name>: true` for each `{name}` of a resource path: the gateway requires them. */
function pathParameters(path: string): Record<string, boolean> | undefined {
  const names = [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map(([, name]) => `method.request.path.${name}`);
  return names.length === 0 ? undefined : Object.fromEntries(names.map((name) => [name, true]));
}

/**
 * One JSON object per request. The request id matches a problem's `request_id` and the functions' log
 * lines; the API key appears by id, never by value.
 */
const ACCESS_LOG_FORMAT = apigateway.AccessLogFormat.custom(
  JSON.stringify({
    requestId: apigateway.AccessLogField.contextRequestId(),
    requestTime: apigateway.AccessLogField.contextRequestTime(),
    sourceIp: apigateway.AccessLogField.contextIdentitySourceIp(),
    userAgent: apigateway.AccessLogField.contextIdentityUserAgent(),
    httpMethod: apigateway.AccessLogField.contextHttpMethod(),
    resourcePath: apigateway.AccessLogField.contextResourcePath(),
    path: apigateway.AccessLogField.contextPath(),
    protocol: apigateway.AccessLogField.contextProtocol(),
    status: apigateway.AccessLogField.contextStatus(),
    responseLength: apigateway.AccessLogField.contextResponseLength(),
    responseLatency: apigateway.AccessLogField.contextResponseLatency(),
    integrationLatency: apigateway.AccessLogField.contextIntegrationLatency(),
    apiKeyId: apigateway.AccessLogField.contextIdentityApiKeyId(),
    principalId: apigateway.AccessLogField.contextAuthorizerPrincipalId(),
    authorizerError: apigateway.AccessLogField.contextAuthorizerError(),
    errorType: apigateway.AccessLogField.contextErrorResponseType(),
    errorMessage: apigateway.AccessLogField.contextErrorMessage(),
    wafStatus: apigateway.AccessLogField.contextWafStatus(),
    xrayTraceId: apigateway.AccessLogField.contextXrayTraceId(),
  }),
);
