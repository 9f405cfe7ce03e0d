import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { authorizer, methodsByPath, routes, stages, type StageName } from '../../functions/routes';
import { stageThrottle } from '../config/usage-plans';
import { methodNotAllowedTemplate } from '../config/method-not-allowed';
import { addMethodNotAllowed } from './method-not-allowed';

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
}

/**
 * The REST API from the route table: one resource per path, one Lambda-proxy method per route (API key
 * and bearer token as the row says), a 405 `ANY` per path, and one deployment served by the two stages
 * (= API versions). The functions read the stage from the event to pick the version's representation.
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
      resultsCacheTtl: Duration.seconds(authorizer.resultsCacheTtlSeconds),
    });

    const methods = new Map<string, apigateway.Method>();
    for (const route of routes) {
      const fn = props.routeFunctions.get(route.id);
      if (!fn) throw new Error(`No function for route ${route.id}`);
      const method = this.api.root
        .resourceForPath(route.path)
        .addMethod(route.method, new apigateway.LambdaIntegration(fn), {
          apiKeyRequired: route.apiKey,
          ...(route.auth === 'jwt'
            ? { authorizer: tokenAuthorizer, authorizationType: apigateway.AuthorizationType.CUSTOM }
            : { authorizationType: apigateway.AuthorizationType.NONE }),
        });
      methods.set(methodKey(route.path, route.method), method);
    }
    const allowed = methodsByPath();
    for (const [path, pathMethods] of allowed)
      addMethodNotAllowed(this.api.root.resourceForPath(path), pathMethods);
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
    });

    const accessLogGroups = new Map<StageName, logs.ILogGroup>();
    this.accessLogGroups = accessLogGroups;
    this.stages = Object.fromEntries(
      stages.map((name) => [name, this.stage(name, accessLogGroups)]),
    ) as Record<StageName, apigateway.Stage>;
  }

  private stage(name: StageName, logGroups: Map<StageName, logs.ILogGroup>): apigateway.Stage {
    const accessLogs = new logs.LogGroup(this, `${name}AccessLogs`, {
      retention: this.accessLogs.retention,
      removalPolicy: this.accessLogs.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    logGroups.set(name, accessLogs);
    return new apigateway.Stage(this, `${name}Stage`, {
      deployment: this.deployment,
      stageName: name,
      accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
      accessLogFormat: ACCESS_LOG_FORMAT,
      tracingEnabled: true,
      metricsEnabled: true,
      // The stage-wide default: a second line behind the per-key usage plans.
      throttlingRateLimit: stageThrottle.rateLimit,
      throttlingBurstLimit: stageThrottle.burstLimit,
    });
  }
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
