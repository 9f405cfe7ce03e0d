import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { functionBundling, nodeOptionsValue, type FunctionBundling } from '../config/bundling';
import type { TableAccess } from '../config/routes';

/** The repository root: route entries are relative to it, and it holds the lock file esbuild resolves from. */
export const repoRoot = path.resolve(__dirname, '../..');

/**
 * What `read` access allows. `grantReadData` would also grant Scan (no function scans) and the stream
 * reads GetRecords/GetShardIterator (no table has a stream), so the list is spelled out.
 * ConditionCheckItem is the read half of a transaction (a condition on an item it does not write).
 */
export const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;

export interface ApiFunctionProps {
  /** Handler module relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * One API Lambda function with the project's defaults set once: Node.js 22 on Graviton, tracing, its own
 * log group with a retention, and a local esbuild bundle (never Docker). Grants go through
 * `grantTableAccess`, so every function's table access is one of the two modes of the route table.
 */
export class ApiFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    // An explicit log group (not the implicit one Lambda creates) so retention is part of the stack.
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH });
    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(repoRoot, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      environment: { ...props.environment, ...nodeOptionsEnvironment() },
      bundling: {
        forceDockerBundling: false,
        ...cdkBundling(functionBundling),
        // Bundle the AWS SDK too: the deployed code runs the SDK versions the lock file pins and the tests
        // ran, not whatever the Lambda runtime ships that month.
        bundleAwsSDK: true,
      },
    });
  }

  /** Grants the function one access mode on one table (and its indexes): least privilege per route. */
  grantTableAccess(table: dynamodb.ITable, access: TableAccess): void {
    switch (access) {
      case 'read':
        table.grant(this.function, ...READ_ACTIONS);
        return;
      case 'readwrite':
        table.grantReadWriteData(this.function);
        return;
      default: {
        const unknown: never = access;
        throw new Error(`Unknown table access ${String(unknown)}`);
      }
    }
  }
}

/**
 * The shared bundling definition (lib/config/bundling.ts) as NodejsFunction options. `satisfies` makes
 * a field added there and forgotten here a type error; the real `cdk synth` test checks the result is
 * byte for byte the bundle the benchmark measures. (`nodeOptions` becomes NODE_OPTIONS, not bundling.)
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
  } satisfies Record<Exclude<keyof FunctionBundling, 'nodeOptions'>, unknown> & BundlingOptions;
}

/** `NODE_OPTIONS` for the functions, when the shared definition sets any. */
function nodeOptionsEnvironment(): Record<string, string> {
  const value = nodeOptionsValue(functionBundling);
  return value === undefined ? {} : { NODE_OPTIONS: value };
}
