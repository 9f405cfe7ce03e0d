/**
 * The package as users get it: `npm run build -w @task-api/client` output loads in plain Node (ESM) and
 * talks to the API; the source bundles for browsers with no Node built-in anywhere.
 */
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { useClientGateway } from './support/client-fixtures';

const root = join(__dirname, '..', '..');
const gateway = useClientGateway();

describe('@task-api/client as a package', () => {
  let packageDir: string;
  beforeAll(() => {
    packageDir = mkdtempSync(join(tmpdir(), 'task-api-client-'));
  });
  afterAll(() => rmSync(packageDir, { recursive: true, force: true }));

  it('builds with tsc into ESM + declarations that plain Node imports and uses', async () => {
    // Prepare
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const compiled = spawnSync(
      process.execPath,
      [tsc, '-p', join(root, 'client', 'tsconfig.build.json'), '--outDir', join(packageDir, 'dist')],
      { encoding: 'utf8' },
    );
    expect(compiled.stdout + compiled.stderr).toBe('');
    copyFileSync(join(root, 'client', 'package.json'), join(packageDir, 'package.json'));
    const script = `
      const { TaskApi, ProblemError } = await import(${JSON.stringify(join(packageDir, 'dist', 'index.js'))});
      const api = new TaskApi({ baseUrl: ${JSON.stringify(`${gateway.url}/v2`)}, apiKey: 'local-dev-key' });
      const health = await api.health();
      const failure = await api.users.me().catch((error) => error);
      console.log(JSON.stringify({ health, failure: failure.name, message: failure.message }));
      const me = await new TaskApi({ baseUrl: ${JSON.stringify(`${gateway.url}/v2`)}, apiKey: 'local-dev-key', accessToken: 'x' })
        .users.me().catch((error) => error);
      console.log(JSON.stringify({ problem: me instanceof ProblemError, status: me.status, requestId: typeof me.requestId }));
    `;

    // Act: asynchronously, since the gateway answering it runs in this process.
    const run = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });

    // Assert
    expect(run.stderr).toBe('');
    const [first, second] = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(first).toEqual({
      health: { status: 'ok', version: 'v2' },
      failure: 'TaskApiError',
      message: expect.stringMatching(/auth\.login/),
    });
    expect(second).toEqual({ problem: true, status: 401, requestId: 'string' });
  });

  it('bundles for the browser with no Node built-in', async () => {
    // Act
    const result = await build({
      entryPoints: [join(root, 'client', 'src', 'index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });

    // Assert
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.every((input) => input.startsWith('client/src/'))).toBe(true);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/\bnode:|\brequire\(|\bprocess\.|\bBuffer\b/);
  });
});
