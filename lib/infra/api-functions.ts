import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { TABLE_NAMES, tableDefinitions, type TableName } from '../../functions/shared/data/table-definitions';
import type { RouteContract, TableAccess } from '../../functions/shared/http/route-contract';
import { authorizer, routes } from '../../functions/routes';
import { ApiFunction } from './api-function';

export interface ApiFunctionsProps {
  readonly tables: Readonly<Record<TableName, dynamodb.ITable>>;
  readonly signingSecret: secretsmanager.ISecret;
  /** The functions' LOG_LEVEL. */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** The share of invocations (0..1) that log at DEBUG whatever the level (Powertools' debug sampling). */
  readonly debugSampleRate?: number;
}

/**
 * One Lambda function per row of the route table, plus the bearer-token authorizer, each granted exactly
 * the table access its row lists and the signing secret only where the row says it signs or verifies.
 */
export class ApiFunctions extends Construct {
  /** The function behind each route, by route id. */
  readonly byRoute: ReadonlyMap<string, lambda.IFunction>;
  readonly authorizer: lambda.IFunction;
  /** Every function (routes and authorizer) by construct id. */
  readonly all: ReadonlyMap<string, lambda.IFunction>;
  /** Every function's log group (what the saved log queries search). */
  readonly logGroups: readonly logs.ILogGroup[];

  constructor(scope: Construct, id: string, props: ApiFunctionsProps) {
    super(scope, id);
    const environment = {
      // Every function gets every table's name; IAM decides what it may touch.
      ...Object.fromEntries(
        TABLE_NAMES.map((name) => [tableDefinitions[name].envVar, props.tables[name].tableName]),
      ),
      // env.ts requires SIGNING_SECRET_ARN in every function that reads its configuration, so all get the
      // ARN (not a secret); only the functions that use the secret may read its value (grantRead below).
      SIGNING_SECRET_ARN: props.signingSecret.secretArn,
      LOG_LEVEL: props.logLevel ?? 'info',
      POWERTOOLS_LOGGER_SAMPLE_RATE: String(props.debugSampleRate ?? 0),
    };

    const byRoute = new Map<string, lambda.IFunction>();
    const logGroups: logs.ILogGroup[] = [];
    for (const route of routes) {
      const fn = new ApiFunction(this, route.id, {
        entry: route.entry,
        description: `${route.method} ${route.path}`,
        environment,
      });
      for (const [name, access] of tableGrants(route)) fn.grantTableAccess(props.tables[name], access);
      if (route.access.signingSecret) props.signingSecret.grantRead(fn.function);
      byRoute.set(route.id, fn.function);
      logGroups.push(fn.function.logGroup);
    }

    const authorizerFunction = new ApiFunction(this, authorizer.id, {
      entry: authorizer.entry,
      description: 'Bearer-token (JWT) authorizer',
      environment,
    });
    if (authorizer.access.signingSecret) props.signingSecret.grantRead(authorizerFunction.function);

    this.byRoute = byRoute;
    this.authorizer = authorizerFunction.function;
    this.all = new Map([...byRoute, [authorizer.id, authorizerFunction.function]]);
    this.logGroups = [...logGroups, authorizerFunction.function.logGroup];
  }
}

/** The route's table grants as pairs, skipping tables it does not list. */
function tableGrants(route: RouteContract): [TableName, TableAccess][] {
  return TABLE_NAMES.flatMap((name) => {
    const access = route.access.tables?.[name];
    return access ? [[name, access] as [TableName, TableAccess]] : [];
  });
}
