import { Aws, CfnOutput, Fn, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type { Construct } from 'constructs';
import { authorizer, routes, stages as stageNames } from '../../functions/routes';
import type { EnvironmentConfig } from '../config/environments';
import { ApiFunctions } from './api-functions';
import { corsOriginsFor } from './cors';
import { DataTables } from './data-tables';
import { DeploymentAlarms } from './deployment-alarms';
import { ProblemGatewayResponses } from './gateway-responses';
import { ApiDashboard } from './observability/dashboard';
import { LogQueries } from './observability/log-queries';
import { observabilitySettings } from './observability/settings';
import { SloAlarms } from './observability/slo-alarms';
import { TraceSampling } from './trace-sampling';
import { TaskRestApi } from './rest-api';
import { RotatingKeySet } from './rotating-key-set';
import { SafeDeployments, type GuardedAlias } from './safe-deployments';
import { ApiUsagePlans } from './usage-plans';
import { acknowledgeNag } from './nag';
import { ApiWaf, wafEnabled } from './waf';

export interface TaskApiStackProps extends StackProps {
  /** The environment's settings (lib/config/environments.ts). */
  readonly config: EnvironmentConfig;
}

/**
 * The whole Task API for one environment: DynamoDB tables, one Lambda function per route plus the
 * authorizer (each invoked through its `live` alias, shifted by CodeDeploy with alarm rollback), the REST
 * API with stages v1 and v2, usage plans and keys, problem+json gateway responses, SLO alarms, a dashboard
 * and saved log queries (docs/OPERATIONS.md), and a WAF where the environment has one. Every part is built
 * from the shared config, not restated here.
 */
export class TaskApiStack extends Stack {
  /** The environment this stack deploys. */
  readonly config: EnvironmentConfig;
  readonly data: DataTables;
  readonly keySets: Readonly<Record<'token' | 'cursor', RotatingKeySet>>;
  readonly functions: ApiFunctions;
  readonly restApi: TaskRestApi;
  readonly usagePlans: ApiUsagePlans;
  readonly alarms: SloAlarms;
  readonly dashboard: ApiDashboard;
  readonly deploymentAlarms: DeploymentAlarms;
  readonly deployments: SafeDeployments;
  readonly waf?: ApiWaf;

  constructor(scope: Construct, id: string, props: TaskApiStackProps) {
    const { config } = props;
    super(scope, id, {
      description: `Task Manager REST API, ${config.name} (API Gateway + Lambda + DynamoDB)`,
      ...props,
    });
    this.config = config;
    Tags.of(this).add('task-api:environment', config.name);

    this.data = new DataTables(this, 'Data', config.data);
    const cors = corsOriginsFor(this, config.corsOrigins);
    const settings = {
      memoryMb: config.functions.memoryMb,
      logRetention: config.logs.retention,
      retainLogs: config.logs.retain,
    };
    // Two key sets, each its own rotating secret: a function that verifies cursors cannot mint tokens.
    this.keySets = {
      token: new RotatingKeySet(this, 'TokenKeys', { purpose: 'Token', settings }),
      cursor: new RotatingKeySet(this, 'CursorKeys', { purpose: 'Cursor', settings }),
    };
    const observability = observabilitySettings(this, config.logs.debugSampleRate);
    this.functions = new ApiFunctions(this, 'Functions', {
      tables: this.data.tables,
      keySets: this.keySets,
      settings,
      authorizerConcurrency: config.functions.authorizerConcurrency,
      cors,
      debugSampleRate: observability.debugSampleRate,
    });
    this.restApi = new TaskRestApi(this, 'RestApi', {
      routeFunctions: this.functions.liveByRoute,
      authorizerFunction: this.functions.liveAuthorizer,
      restApiName: config.resourcePrefix,
      accessLogs: config.logs,
      cors,
    });
    new ProblemGatewayResponses(this, 'GatewayResponses', {
      api: this.restApi.api,
      deployment: this.restApi.deployment,
      cors,
    });
    const stages = this.restApi.stages;
    this.usagePlans = new ApiUsagePlans(this, 'UsagePlans', {
      api: this.restApi.api,
      stages: Object.values(stages),
      methods: this.restApi.methods,
      plans: config.usagePlans,
      namePrefix: config.resourcePrefix,
    });
    this.alarms = new SloAlarms(this, 'Alarms', {
      functions: this.functions.byRoute,
      authorizer: this.functions.authorizer,
      stages,
      tables: this.data.tables,
      slos: config.alarms.slo,
      environmentName: config.name,
      email: observability.alarmEmail,
    });
    this.deploymentAlarms = new DeploymentAlarms(this, 'DeploymentAlarms', {
      apiName: config.resourcePrefix,
      stageNames,
      thresholds: config.alarms.deployment,
    });
    this.deployments = new SafeDeployments(this, 'Deployments', {
      strategy: config.deployment,
      aliases: this.guardedAliases(),
    });
    this.dashboard = new ApiDashboard(this, 'Dashboard', {
      stages,
      functions: this.functions.all,
      tables: this.data.tables,
      alarms: [...this.alarms.all, ...[...this.deploymentAlarms.byFunction.values()].flat()],
      slos: config.alarms.slo,
    });
    new TraceSampling(this, 'TraceSampling', {
      apiName: config.resourcePrefix,
      rate: config.traceSampleRate,
    });
    new LogQueries(this, 'LogQueries', {
      logGroups: [...this.functions.logGroups, ...this.restApi.accessLogGroups.values()],
    });
    if (wafEnabled(this, config.waf)) this.waf = new ApiWaf(this, 'Waf', { stages, cors });
    else
      for (const stage of Object.values(stages))
        acknowledgeNag(
          stage,
          'APIG3',
          `No WAF in ${config.name} by the environment's choice (lib/config/environments.ts; -c taskApi:waf=true adds it): staging and prod have one`,
        );

    for (const [name, stage] of Object.entries(stages)) {
      new CfnOutput(this, `${capitalize(name)}Url`, {
        value: stageRoot(stage),
        description: `API root, ${name}`,
      });
    }
    for (const [plan, key] of this.usagePlans.apiKeys) {
      new CfnOutput(this, `${capitalize(plan)}ApiKeyId`, {
        value: key.keyId,
        description: `Id of the ${plan} plan's API key; its value: aws apigateway get-api-key --api-key <id> --include-value`,
      });
    }
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarms.topic.topicArn,
      description:
        'Subscribe to this SNS topic to receive the alarms (or deploy with -c taskApi:alarmEmail=…)',
    });
    new CfnOutput(this, 'DashboardName', {
      value: this.dashboard.dashboard.dashboardName,
      description: 'The CloudWatch dashboard to read top to bottom (docs/OPERATIONS.md)',
    });
    new CfnOutput(this, 'DeploymentApplicationName', {
      value: this.deployments.application.applicationName,
      description:
        "CodeDeploy application shifting the functions' live aliases: aws deploy list-deployments --application-name <name>",
    });
  }

  /** Every function's `live` alias with the deployment alarms that guard it, by function id. */
  private guardedAliases(): Map<string, GuardedAlias> {
    const guarded = new Map<string, GuardedAlias>();
    for (const route of routes) {
      const alias = this.functions.liveByRoute.get(route.id);
      if (!alias) throw new Error(`No function for route ${route.id}`);
      guarded.set(route.id, { alias, alarms: this.deploymentAlarms.forRoute(route.id, alias, route) });
    }
    const alias = this.functions.liveAuthorizer;
    guarded.set(authorizer.id, { alias, alarms: this.deploymentAlarms.forAuthorizer(authorizer.id, alias) });
    return guarded;
  }
}

/** The stage's root as docs/API.md writes it, without the trailing slash `urlForPath('/')` adds. */
function stageRoot(stage: apigateway.Stage): string {
  return Fn.join('', [
    'https://',
    stage.restApi.restApiId,
    '.execute-api.',
    stage.stack.region,
    '.',
    Aws.URL_SUFFIX,
    '/',
    stage.stageName,
  ]);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
