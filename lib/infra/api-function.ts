import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TableAccess } from '../../functions/shared/http/route-contract';

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

/**
 * One API Lambda function with the project's defaults set once: Node.js 22 on Graviton, tracing, its own
 * log group with a retention, and a local esbuild bundle (never Docker). Grants go through
 * `grantTableAccess`, so every function's table access is one of the two modes a route contract names.
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
      // Without this flag Node ignores the source map and stack traces point into minified code.
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        forceDockerBundling: false,
        minify: true,
        sourceMap: true,
        // Stack traces need only the mappings; leaving the sources out keeps the bundle small.
        sourcesContent: false,
        target: 'node22',
        // CommonJS: esbuild converts the ESM-only packages (middy, jose) into the bundle, and a CJS bundle
        // needs no `createRequire` banner for CommonJS dependencies that `require` Node built-ins, which an
        // ESM bundle does. No module uses top-level await, the one thing CJS could not express.
        format: OutputFormat.CJS,
        // Prefer each package's ES module build: esbuild tree-shakes ESM, not CommonJS (a fifth off a bundle).
        mainFields: ['module', 'main'],
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
