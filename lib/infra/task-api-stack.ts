import { Aws, CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type { Construct } from 'constructs';
import { OperationalAlarms } from './alarms';
import { ApiFunctions } from './api-functions';
import { DataTables } from './data-tables';
import { ProblemGatewayResponses } from './gateway-responses';
import { TaskRestApi } from './rest-api';
import { RotatingKeySet } from './rotating-key-set';
import { ApiUsagePlans } from './usage-plans';
import { ApiWaf, wafEnabled } from './waf';

/**
 * The whole Task API: DynamoDB tables, one Lambda function per route plus the authorizer, the REST API
 * with stages v1 and v2, usage plans and keys, problem+json gateway responses, alarms, and (with the
 * `taskApi:waf` context flag) a WAF. Every part is built from the shared config, not restated here.
 */
export class TaskApiStack extends Stack {
  readonly data: DataTables;
  readonly keySets: Readonly<Record<'token' | 'cursor', RotatingKeySet>>;
  readonly functions: ApiFunctions;
  readonly restApi: TaskRestApi;
  readonly usagePlans: ApiUsagePlans;
  readonly alarms: OperationalAlarms;
  readonly waf?: ApiWaf;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { description: 'Task Manager REST API (API Gateway + Lambda + DynamoDB)', ...props });

    this.data = new DataTables(this, 'Data');
    // Two key sets, each its own rotating secret: a function that verifies cursors cannot mint tokens.
    this.keySets = {
      token: new RotatingKeySet(this, 'TokenKeys', { purpose: 'Token' }),
      cursor: new RotatingKeySet(this, 'CursorKeys', { purpose: 'Cursor' }),
    };
    this.functions = new ApiFunctions(this, 'Functions', { tables: this.data.tables, keySets: this.keySets });
    this.restApi = new TaskRestApi(this, 'RestApi', {
      routeFunctions: this.functions.byRoute,
      authorizerFunction: this.functions.authorizer,
    });
    new ProblemGatewayResponses(this, 'GatewayResponses', {
      api: this.restApi.api,
      deployment: this.restApi.deployment,
    });
    const stages = this.restApi.stages;
    this.usagePlans = new ApiUsagePlans(this, 'UsagePlans', {
      api: this.restApi.api,
      stages: Object.values(stages),
      methods: this.restApi.methods,
    });
    this.alarms = new OperationalAlarms(this, 'Alarms', {
      functions: this.functions.byRoute,
      authorizer: this.functions.authorizer,
      stages,
      tasksTable: this.data.tables.tasks,
    });
    if (wafEnabled(this)) this.waf = new ApiWaf(this, 'Waf', { stages });

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
      description: 'Subscribe to this SNS topic to receive the alarms',
    });
  }
}

/** The stage's root as API.md writes it, without the trailing slash `urlForPath('/')` adds. */
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
