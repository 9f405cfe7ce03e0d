import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions } from '../../lib/config/bundling';
import { authorizer, routes } from '../../lib/config/routes';
import { repoRoot } from '../../lib/infra/api-function';

const TIMEOUT_MS = 180_000;

interface Template {
  Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('cdk synth', () => {
  let outdir: string;
  let result: SpawnSyncReturns<string>;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'task-api-synth-'));
    result = spawnSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '-o', outdir], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: TIMEOUT_MS - 10_000,
      // No AWS account here: keep the CLI from probing instance metadata for credentials.
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' },
    });
  }, TIMEOUT_MS);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  /** The bundle directory of each Lambda function in the synthesized template. */
  const functionAssetDirs = (): string[] => {
    const template = JSON.parse(readFileSync(join(outdir, 'TaskApiStack.template.json'), 'utf8')) as Template;
    return Object.values(template.Resources)
      .filter((resource) => resource.Type === 'AWS::Lambda::Function')
      .map((fn) => join(outdir, `asset.${fn.Properties.Code?.S3Key?.replace(/\.zip$/, '')}`));
  };

  it('synthesizes offline with the real CLI: local esbuild bundles, no Docker, no validation findings', () => {
    // Assert
    expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
    expect(existsSync(join(outdir, 'TaskApiStack.template.json'))).toBe(true);
    const assetDirs = functionAssetDirs();
    expect(assetDirs.length).toBeGreaterThan(0);
    for (const dir of assetDirs) expect(existsSync(join(dir, 'index.js'))).toBe(true);
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: unknown[];
    };
    expect(report.pluginReports).toEqual([]);
  });

  it('deploys byte for byte the bundles the benchmark measures (both build from lib/config/bundling.ts)', async () => {
    // Arrange: each entry built as bench/bundles.ts builds it.
    const measured: string[] = [];
    for (const { entry } of [...routes, authorizer]) {
      const { outputFiles } = await build({
        ...esbuildOptions(),
        entryPoints: [join(repoRoot, entry)],
        outfile: join(outdir, 'bench-build', 'index.js'),
        write: false,
        logLevel: 'silent',
      });
      const bundle = outputFiles.find((file) => file.path.endsWith('index.js'));
      if (bundle) measured.push(sha256(bundle.contents));
    }

    // Act
    const deployed = functionAssetDirs().map((dir) => sha256(readFileSync(join(dir, 'index.js'))));

    // Assert (the source maps differ only in the relative paths of `sources`: not compared)
    expect(deployed.sort()).toEqual(measured.sort());
  });
});
