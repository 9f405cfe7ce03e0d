import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { authorizer, routes } from '../../functions/routes';
import { esbuildOptions } from '../../lib/config/bundling';
import { ACCOUNT_STACK_NAME, environmentNames, environments } from '../../lib/config/environments';
import { repoRoot } from '../../lib/infra/api-function';
import { buildProxyEvent } from '../../lib/local/proxy-event';

const TIMEOUT_MS = 240_000;
const apiStacks = environmentNames.map((name) => environments[name].stackName);

/** No AWS account here: keep the CLI from probing instance metadata for credentials. */
const offline = { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' };
const tsx = join(repoRoot, 'node_modules/tsx/dist/cli.mjs');

/** The real CLI, offline. */
function cdk(args: string[], timeoutMs: number) {
  return spawnSync('npx', ['cdk', ...args, '--no-notices'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: offline,
  });
}

describe('the CDK app through the real CLI', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'task-api-synth-'));
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it(
    'synthesizes every stack offline: local esbuild bundles, no Docker, no validation findings',
    () => {
      // Act: `cdk synth` without a stack name synthesizes them all.
      const result = cdk(['synth', '--quiet', '-o', outdir], TIMEOUT_MS - 10_000);

      // Assert
      expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({
        status: 0,
        stderr: '',
      });
      for (const stackName of [...apiStacks, ACCOUNT_STACK_NAME])
        expect(existsSync(join(outdir, `${stackName}.template.json`))).toBe(true);
      for (const stackName of apiStacks) {
        const template = JSON.parse(readFileSync(join(outdir, `${stackName}.template.json`), 'utf8')) as {
          Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>;
        };
        const functions = Object.values(template.Resources).filter(
          (resource) => resource.Type === 'AWS::Lambda::Function',
        );
        expect(functions.length).toBeGreaterThan(0);
        for (const fn of functions) {
          const assetDir = join(outdir, `asset.${fn.Properties.Code?.S3Key?.replace(/\.zip$/, '')}`);
          expect(existsSync(join(assetDir, 'index.js'))).toBe(true);
        }
      }
      // The reference page's files ship beside the bundle of the function that serves them, and it serves
      // them from there (a Lambda event, run in a fresh Node process from the asset directory alone).
      const devTemplate = JSON.parse(readFileSync(join(outdir, `${apiStacks[0]}.template.json`), 'utf8')) as {
        Resources: Record<
          string,
          { Type: string; Properties: { Code?: { S3Key?: string }; Description?: string } }
        >;
      };
      const assets = Object.values(devTemplate.Resources).find(
        (fn) => fn.Properties.Description === 'GET /docs/{asset}',
      );
      const assetDir = join(outdir, `asset.${assets?.Properties.Code?.S3Key?.replace(/\.zip$/, '')}`);
      expect(existsSync(join(assetDir, 'node_modules/swagger-ui-dist/swagger-ui-bundle.js'))).toBe(true);
      const event = buildProxyEvent({
        stage: 'v2',
        method: 'GET',
        resource: '/docs/{asset}',
        path: '/docs/swagger-ui.css',
        pathParameters: { asset: 'swagger-ui.css' },
      });
      const served = spawnSync(
        process.execPath,
        [
          '-e',
          `require('./index.js').handler(JSON.parse(require('fs').readFileSync(0, 'utf8')), {})
            .then((r) => process.stdout.write(JSON.stringify([r.statusCode, r.headers['Content-Type'], r.body.length])))`,
        ],
        {
          cwd: assetDir,
          input: JSON.stringify(event),
          encoding: 'utf8',
          env: { PATH: process.env.PATH, LOG_LEVEL: 'silent' },
        },
      );
      expect(JSON.parse(served.stdout || 'null')).toEqual([
        200,
        'text/css; charset=utf-8',
        readFileSync(require.resolve('swagger-ui-dist/swagger-ui.css'), 'utf8').length,
      ]);
      const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
        pluginReports: unknown[];
      };
      expect(report.pluginReports).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it('diffs a stack against a saved template, offline (npm run diff:offline -- --template)', () => {
    // Prepare: a saved template that lacks the signing secret, as if saved before it was added.
    const current = join(outdir, `${apiStacks[0]}.template.json`);
    const saved = JSON.parse(readFileSync(current, 'utf8')) as {
      Resources: Record<string, { Type: string }>;
    };
    const [secretId] = Object.entries(saved.Resources).find(
      ([, r]) => r.Type === 'AWS::SecretsManager::Secret',
    )!;
    delete saved.Resources[secretId];
    const savedFile = join(outdir, 'saved.template.json');
    writeFileSync(savedFile, JSON.stringify(saved));
    const diff = (template: string) =>
      spawnSync(
        process.execPath,
        [tsx, 'bin/diff-offline.ts', '--app', outdir, '--template', template, apiStacks[0]!],
        { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: offline },
      );

    // Act
    const unchanged = diff(current);
    const changed = diff(savedFile);

    // Assert
    expect({ status: unchanged.status, stdout: unchanged.stdout }).toEqual({
      status: 0,
      stdout: expect.stringContaining('There were no differences'),
    });
    expect({ status: changed.status, stdout: changed.stdout }).toEqual({
      status: 0,
      stdout: expect.stringMatching(new RegExp(`\\[\\+\\] AWS::SecretsManager::Secret .*${secretId}`)),
    });
  }, 120_000);

  it('lists the three API stacks and the account stack (cdk ls)', () => {
    // Act: on the assembly the synth above wrote, so the app does not run a second time.
    const result = cdk(['ls', '--app', outdir], 60_000);

    // Assert
    expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
    expect(result.stdout.trim().split('\n')).toEqual([...apiStacks, ACCOUNT_STACK_NAME]);
  }, 60_000);

  it('deploys byte for byte the bundles the benchmark measures (both build from lib/config/bundling.ts)', async () => {
    // Prepare: each deployed entry built as bench/bundles.ts builds it.
    const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
    const entries = [...routes, authorizer].map((fn) => fn.entry);
    const measured = new Set<string>();
    for (const entry of [...entries, 'functions/rotation/rotate-key-set.ts']) {
      const { outputFiles } = await build({
        ...esbuildOptions(),
        entryPoints: [join(repoRoot, entry)],
        outfile: join(outdir, 'bench-build', 'index.js'),
        write: false,
        logLevel: 'silent',
      });
      const bundle = outputFiles.find((file) => file.path.endsWith('index.js'));
      if (bundle) measured.add(sha256(bundle.contents));
    }

    // Act
    const template = JSON.parse(readFileSync(join(outdir, `${apiStacks[0]}.template.json`), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>;
    };
    const deployed = new Set(
      Object.values(template.Resources)
        .filter((resource) => resource.Type === 'AWS::Lambda::Function')
        .map((fn) => join(outdir, `asset.${fn.Properties.Code?.S3Key?.replace(/\.zip$/, '')}`, 'index.js'))
        .filter((file) => existsSync(file))
        .map((file) => sha256(readFileSync(file))),
    );

    // Assert (the source maps differ only in the relative paths of `sources`: not compared)
    expect([...deployed].sort()).toEqual([...measured].sort());
  }, 120_000);
});
