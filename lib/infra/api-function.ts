import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TableAccess } from '../../functions/shared/http/route-contract';
import { absoluteAlias, functionBundling, nodeOptionsValue, type FunctionBundling } from '../config/bundling';
import { acknowledgeNag } from './nag';

/** The repository root: route entries are relative to it, and it holds the lock file esbuild resolves from. */
export const repoRoot = path.resolve(__dirname, '../..');

export interface ApiFunctionProps {
  /** Handler module relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly environment: Readonly<Record<string, string>>;
  /** @default 512 */
  readonly memoryMb?: number;
  /** Concurrent executions reserved for (and so the most allowed to) this function. @default none */
  readonly reservedConcurrency?: number;
  /** @default one month */
  readonly logRetention?: logs.RetentionDays;
  /** Whether the log group outlives the stack. @default true (CloudWatch's own default) */
  readonly retainLogs?: boolean;
  /**
   * Add the AWS Parameters and Secrets Lambda Extension: the function reads its key sets through it over
   * localhost (no AWS SDK on the path), cached for `KEY_SET_CACHE_SECONDS` as the function's own cache is.
   */
  readonly readsSecrets?: boolean;
  /** Files the function reads at run time (`node_modules/<package>/<file>`), shipped beside its bundle. */
  readonly runtimeFiles?: readonly string[];
}

/** Shell commands that copy each file to the same relative path in the bundle's directory. */
function copyCommands(files: readonly string[], inputDir: string, outputDir: string): string[] {
  return files.flatMap((file) => {
    const target = path.posix.join(outputDir, file);
    return [
      `mkdir -p "${path.posix.dirname(target)}"`,
      `cp "${path.posix.join(inputDir, file)}" "${target}"`,
    ];
  });
}

/** The alias API Gateway invokes; CodeDeploy moves it from version to version. */
export const LIVE_ALIAS = 'live';

/**
 * One API Lambda function with the project's defaults set once: Node.js 22 on Graviton, tracing, its own
 * log group with a retention, and a local esbuild bundle (never Docker). Its role may write to its own log
 * group and nothing else until it is granted more: table grants go through `grantTableAccess`, exactly the
 * actions and indexes a route contract lists.
 *
 * Callers invoke `live`, an alias on a version published whenever the function's code or configuration
 * changes, never the function's `$LATEST`: a deploy then changes nothing until the alias moves, and
 * moving it can be gradual (CodeDeploy, see SafeDeployments) and undone.
 */
export class ApiFunction extends Construct {
  readonly function: NodejsFunction;
  readonly live: lambda.Alias;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    // An explicit log group (not the implicit one Lambda creates) so retention is part of the stack.
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.retainLogs === false ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    // Its own role instead of the basic execution role (AWSLambdaBasicExecutionRole lets a function create
    // log groups and write to any of them): this function's log group is the only one it may write to.
    const role = new iam.Role(this, 'ServiceRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.description}`,
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    this.function = new NodejsFunction(this, 'Function', {
      role,
      entry: path.join(repoRoot, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memoryMb ?? 512,
      reservedConcurrentExecutions: props.reservedConcurrency,
      timeout: Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      // Versions outlive their replacement: a rollback by hand is then one `update-alias` to the previous
      // version, with no rebuild (docs/DEPLOYMENT.md). Deleting the function deletes them all.
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      environment: { ...props.environment, ...nodeOptionsEnvironment() },
      ...(props.readsSecrets
        ? {
            paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(
              lambda.ParamsAndSecretsVersions.V1_0_103,
              { secretsManagerTtl: Duration.minutes(5), cacheSize: 10 },
            ),
          }
        : {}),
      bundling: {
        forceDockerBundling: false,
        ...cdkBundling(functionBundling),
        // Bundle the AWS SDK too: the deployed code runs the SDK versions the lock file pins and the tests
        // ran, not whatever the Lambda runtime ships that month.
        bundleAwsSDK: true,
        // Run locally after esbuild (no Docker, no network), so `cdk synth` stays offline.
        ...(props.runtimeFiles?.length
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  copyCommands(props.runtimeFiles ?? [], inputDir, outputDir),
              },
            }
          : {}),
      },
    });
    acknowledgeNag(
      this,
      'IAM5[Resource::*]',
      "Active tracing: X-Ray's PutTraceSegments and PutTelemetryRecords support no resource-level permissions",
    );
    acknowledgeNag(
      this,
      'L1',
      'Node.js 22 (LTS, supported by Lambda into 2027) is the newest runtime the CI matrix tests (Node 20 and 22); a newer one goes into CI first',
    );
    // `currentVersion` publishes a version whose logical id hashes the code and configuration, so an
    // unchanged function keeps its version (and its traffic) across deploys.
    this.live = new lambda.Alias(this, 'Live', {
      aliasName: LIVE_ALIAS,
      version: this.function.currentVersion,
      description: 'The version API Gateway invokes; CodeDeploy shifts it',
    });
  }

  /**
   * Grants the function exactly the contract's access to one table: its actions on the table itself, and
   * Query on each index it names (by ARN: never `index/*`). A transaction needs the action of each part, so
   * there is no `TransactWriteItems` permission to grant.
   */
  grantTableAccess(table: dynamodb.ITable, access: TableAccess): void {
    if (access.actions.length > 0)
      iam.Grant.addToPrincipal({
        grantee: this.function,
        actions: access.actions.map((action) => `dynamodb:${action}`),
        resourceArns: [table.tableArn],
      });
    const indexes = access.indexes ?? [];
    if (indexes.length > 0)
      iam.Grant.addToPrincipal({
        grantee: this.function,
        actions: ['dynamodb:Query'],
        resourceArns: indexes.map((index) => `${table.tableArn}/index/${index}`),
      });
  }
}

/**
 * The shared bundling definition (lib/config/bundling.ts) as NodejsFunction options. `satisfies` makes
 * a field added there and forgotten here a type error; the real `cdk synth` test checks the result is
 * byte for byte the bundle the benchmark measures. (`nodeOptions` becomes NODE_OPTIONS, not bundling;
 * `alias` becomes `esbuildArgs`.)
 */
function cdkBundling(bundling: FunctionBundling): BundlingOptions {
  return {
    target: bundling.target,
    format: bundling.format === 'cjs' ? OutputFormat.CJS : OutputFormat.ESM,
    minify: bundling.minify,
    mainFields: [...bundling.mainFields],
    sourceMap: bundling.sourceMap,
    sourcesContent: bundling.sourcesContent,
    keepNames: bundling.keepNames,
    // NodejsFunction has no `alias` option: its esbuild command line takes `--alias:from=to` (one per entry).
    esbuildArgs: { '--alias': Object.entries(absoluteAlias(bundling)).map(([from, to]) => `${from}=${to}`) },
  } satisfies Record<Exclude<keyof FunctionBundling, 'nodeOptions' | 'alias'>, unknown> & BundlingOptions;
}

/** `NODE_OPTIONS` for the functions, when the shared definition sets any. */
function nodeOptionsEnvironment(): Record<string, string> {
  const value = nodeOptionsValue(functionBundling);
  return value === undefined ? {} : { NODE_OPTIONS: value };
}
