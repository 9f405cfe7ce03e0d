import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { TABLE_NAMES, tableDefinitions, type TableName } from '../../functions/shared/data/table-definitions';
import type { RouteContract, TableAccess } from '../../functions/shared/http/route-contract';
import { authorizer, routes } from '../../functions/routes';
import { ApiFunction } from './api-function';
import { sunsetEnvironment } from './version-sunset';

export interface ApiFunctionsProps {
  readonly tables: Readonly<Record<TableName, dynamodb.ITable>>;
  readonly signingSecret: secretsmanager.ISecret;
  /** The functions' LOG_LEVEL. */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
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
      // A deprecated version's sunset day, when the deployer set one (`-c taskApi:v1Sunset=2027-06-30`).
      ...sunsetEnvironment(this),
    };

    const byRoute = new Map<string, lambda.IFunction>();
    for (const route of routes) {
      const fn = new ApiFunction(this, route.id, {
        entry: route.entry,
        description: `${route.method} ${route.path}`,
        environment,
        runtimeFiles: route.runtimeFiles,
      });
      for (const [name, access] of tableGrants(route)) fn.grantTableAccess(props.tables[name], access);
      if (route.access.signingSecret) props.signingSecret.grantRead(fn.function);
      byRoute.set(route.id, fn.function);
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
  }
}

/** The route's table grants as pairs, skipping tables it does not list. */
function tableGrants(route: RouteContract): [TableName, TableAccess][] {
  return TABLE_NAMES.flatMap((name) => {
    const access = route.access.tables?.[name];
    return access ? [[name, access] as [TableName, TableAccess]] : [];
  });
}
