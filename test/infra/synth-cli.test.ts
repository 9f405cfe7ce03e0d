import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../lib/infra/api-function';
import { buildProxyEvent } from '../../lib/local/proxy-event';

const TIMEOUT_MS = 180_000;

describe('cdk synth', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'task-api-synth-'));
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it(
    'synthesizes offline with the real CLI: local esbuild bundles, no Docker, no validation findings',
    () => {
      // Act
      const result = spawnSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '-o', outdir], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: TIMEOUT_MS - 10_000,
        // No AWS account here: keep the CLI from probing instance metadata for credentials.
        env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' },
      });

      // Assert
      expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({
        status: 0,
        stderr: '',
      });
      const templatePath = join(outdir, 'TaskApiStack.template.json');
      expect(existsSync(templatePath)).toBe(true);
      const template = JSON.parse(readFileSync(templatePath, 'utf8')) as {
        Resources: Record<
          string,
          { Type: string; Properties: { Code?: { S3Key?: string }; Description?: string } }
        >;
      };
      const functions = Object.values(template.Resources).filter(
        (resource) => resource.Type === 'AWS::Lambda::Function',
      );
      expect(functions.length).toBeGreaterThan(0);
      for (const fn of functions) {
        const assetDir = join(outdir, `asset.${fn.Properties.Code?.S3Key?.replace(/\.zip$/, '')}`);
        expect(existsSync(join(assetDir, 'index.js'))).toBe(true);
      }
      // The reference page's files ship beside the bundle of the function that serves them, and it serves
      // them from there (a Lambda event, run in a fresh Node process from the asset directory alone).
      const assets = functions.find((fn) => fn.Properties.Description === 'GET /docs/{asset}');
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
});
