import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { TABLE_NAMES, tableDefinitions, type TableName } from '../../functions/shared/data/table-definitions';
import type {
  KeySetAccess,
  RouteAccess,
  RouteContract,
  TableAccess,
} from '../../functions/shared/http/route-contract';
import { authorizer, routes } from '../../functions/routes';
import { formatCorsOrigins, type CorsOrigins } from '../config/cors';
import { ApiFunction, type ApiFunctionProps } from './api-function';
import type { RotatingKeySet } from './rotating-key-set';
import { sunsetEnvironment } from './version-sunset';

export interface ApiFunctionsProps {
  readonly tables: Readonly<Record<TableName, dynamodb.ITable>>;
  /** The signing-key sets (each its own rotating secret), by the name contracts use. */
  readonly keySets: Readonly<Record<KeySetAccess, RotatingKeySet>>;
  /** The functions' LOG_LEVEL. */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** The share of invocations (0..1) that log at DEBUG whatever the level (Powertools' debug sampling). */
  readonly debugSampleRate?: number;
  /** Settings every function of the environment shares (memory, log retention); a contract may set its memory. */
  readonly settings?: Pick<ApiFunctionProps, 'memoryMb' | 'logRetention' | 'retainLogs'>;
  /**
   * Concurrent executions reserved for the authorizer, which is also its ceiling. @default none (an account
   * whose concurrency quota is the new-account 10 cannot reserve any)
   */
  readonly authorizerConcurrency?: number;
  /** Origins allowed to call from a browser, handed to every function (`CORS_ORIGINS`). @default off */
  readonly cors?: CorsOrigins;
}

/**
 * One Lambda function per route contract, plus the bearer-token authorizer, each granted exactly the DynamoDB
 * actions and indexes its contract lists and only the key sets it lists (token keys: login and the
 * authorizer; cursor keys: the list function), with the Secrets extension where it reads one.
 */
export class ApiFunctions extends Construct {
  /** The function behind each route, by route id. */
  readonly byRoute: ReadonlyMap<string, lambda.IFunction>;
  readonly authorizer: lambda.IFunction;
  /** Every function (routes and authorizer) by construct id. */
  readonly all: ReadonlyMap<string, lambda.IFunction>;
  /** Every function's log group (what the saved log queries search). */
  readonly logGroups: readonly logs.ILogGroup[];
  /** The `live` alias of each route's function, by route id: what API Gateway invokes. */
  readonly liveByRoute: ReadonlyMap<string, lambda.Alias>;
  /** The authorizer's `live` alias. */
  readonly liveAuthorizer: lambda.Alias;

  constructor(scope: Construct, id: string, props: ApiFunctionsProps) {
    super(scope, id);
    const environment = {
      // Every function gets every table's name; IAM decides what it may touch.
      ...Object.fromEntries(
        TABLE_NAMES.map((name) => [tableDefinitions[name].envVar, props.tables[name].tableName]),
      ),
      LOG_LEVEL: props.logLevel ?? 'info',
      POWERTOOLS_LOGGER_SAMPLE_RATE: String(props.debugSampleRate ?? 0),
      // A deprecated version's sunset day, when the deployer set one (`-c taskApi:v1Sunset=2027-06-30`).
      ...sunsetEnvironment(this),
      // Set only when CORS is on, so an environment without it keeps its functions' configuration as it was.
      ...(props.cors && props.cors.kind !== 'off' ? { CORS_ORIGINS: formatCorsOrigins(props.cors) } : {}),
    };

    const byRoute = new Map<string, lambda.IFunction>();
    const logGroups: logs.ILogGroup[] = [];
    const liveByRoute = new Map<string, lambda.Alias>();
    for (const route of routes) {
      const fn = new ApiFunction(this, route.id, {
        entry: route.entry,
        description: `${route.method} ${route.path}`,
        environment: { ...environment, ...keySetVariables(route.access, props.keySets) },
        readsSecrets: (route.access.keySets ?? []).length > 0,
        runtimeFiles: route.runtimeFiles,
        ...props.settings,
        ...(route.memoryMb === undefined ? {} : { memoryMb: route.memoryMb }),
      });
      for (const [name, access] of tableGrants(route)) fn.grantTableAccess(props.tables[name], access);
      for (const name of route.access.keySets ?? []) props.keySets[name].grantRead(fn.function);
      byRoute.set(route.id, fn.function);
      logGroups.push(fn.function.logGroup);
      liveByRoute.set(route.id, fn.live);
    }

    const authorizerFunction = new ApiFunction(this, authorizer.id, {
      entry: authorizer.entry,
      description: 'Bearer-token (JWT) authorizer',
      environment: { ...environment, ...keySetVariables(authorizer.access, props.keySets) },
      readsSecrets: true,
      ...props.settings,
      // Garbage never reaches it (the gateway's identity validation expression), but well-formed forged
      // tokens do, without an API key: the reservation caps what a flood of them can take from the routes'
      // functions and the rest of the account (each cache miss also reads DynamoDB once).
      reservedConcurrency: props.authorizerConcurrency,
    });
    authorizerFunction.grantTableAccess(props.tables.tasks, authorizer.access.tables.tasks);
    for (const name of authorizer.access.keySets) props.keySets[name].grantRead(authorizerFunction.function);

    this.byRoute = byRoute;
    this.authorizer = authorizerFunction.function;
    this.all = new Map([...byRoute, [authorizer.id, authorizerFunction.function]]);
    this.logGroups = [...logGroups, authorizerFunction.function.logGroup];
    this.liveByRoute = liveByRoute;
    this.liveAuthorizer = authorizerFunction.live;
  }
}

/** The variables naming the key-set secrets a function may read (`TOKEN_KEYS_SECRET_ARN`, …), and no others. */
function keySetVariables(
  access: RouteAccess,
  keySets: Readonly<Record<KeySetAccess, RotatingKeySet>>,
): Record<string, string> {
  return Object.fromEntries(
    (access.keySets ?? []).map((name) => [
      `${name.toUpperCase()}_KEYS_SECRET_ARN`,
      keySets[name].secret.secretArn,
    ]),
  );
}

/** The route's table grants as pairs, skipping tables it does not list. */
function tableGrants(route: RouteContract): [TableName, TableAccess][] {
  return TABLE_NAMES.flatMap((name) => {
    const access: TableAccess | undefined = route.access.tables?.[name];
    return access ? [[name, access] as [TableName, TableAccess]] : [];
  });
}
