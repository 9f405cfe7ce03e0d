import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { authorizer, routes } from '../functions/routes';
import { median } from './stats';

/** One bundle configuration: its size and how long requiring it takes in a fresh process. */
export interface BundleMeasure {
  kb: number;
  /** Median over the fresh `node` processes of the `require()` of the bundle, in ms. */
  importMs: number;
  importRuns: number[];
}

/** One deployable function, bundled as specified (`plain`) and as the CDK stack deploys it (`deploy`). */
export interface BundleRow {
  id: string;
  entry: string;
  plain: BundleMeasure;
  deploy: BundleMeasure;
}

const ROOT = resolve(__dirname, '..');
const run = promisify(execFile);

/** The options every bundle shares: bundle, minify, tree-shake, node22, CommonJS, nothing external. */
export const COMMON: BuildOptions = {
  bundle: true,
  minify: true,
  treeShaking: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  logLevel: 'silent',
};

/**
 * `plain`: the options above. `deploy`: what lib/infra/api-function.ts adds: packages' ES module build
 * first (`mainFields`), an external source map without sources, and `NODE_OPTIONS=--enable-source-maps`.
 */
export const CONFIGS = {
  plain: { options: {}, nodeOptions: [] as string[] },
  deploy: {
    options: {
      mainFields: ['module', 'main'],
      sourcemap: true,
      sourcesContent: false,
    } satisfies BuildOptions,
    nodeOptions: ['--enable-source-maps'],
  },
};
type ConfigName = keyof typeof CONFIGS;

/** Times the require inside the child, so process start-up is not counted. */
const IMPORT_PROBE = [
  'const start = process.hrtime.bigint();',
  'require(process.argv[1]);',
  'process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e6));',
].join('');

/** One fresh `node` process's `require()` of the bundle, in ms. */
export async function importMs(
  file: string,
  nodeOptions: string[],
  functionEnv: Record<string, string>,
): Promise<number> {
  const { stdout } = await run(process.execPath, [...nodeOptions, '-e', IMPORT_PROBE, file], {
    env: { PATH: process.env.PATH ?? '', ...functionEnv },
    timeout: 30_000,
  });
  return Number(stdout);
}

/**
 * Section 5: bundles each route entry and the authorizer with esbuild (the AWS SDK included, as the
 * deploy does), in both configurations, then requires each bundle `runs` times in a fresh `node` with the
 * functions' environment, alternating the configurations.
 */
export async function measureBundles(functionEnv: Record<string, string>, runs = 5): Promise<BundleRow[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'task-api-bench-'));
  const names = Object.keys(CONFIGS) as ConfigName[];
  try {
    const functions = [
      ...routes.map(({ id, entry }) => ({ id, entry })),
      { id: authorizer.id, entry: authorizer.entry },
    ];
    const rows: BundleRow[] = [];
    for (const { id, entry } of functions) {
      const files = {} as Record<ConfigName, string>;
      const samples = { plain: [] as number[], deploy: [] as number[] };
      for (const name of names) {
        files[name] = join(outDir, name, `${id}.js`);
        await build({
          ...COMMON,
          ...CONFIGS[name].options,
          entryPoints: [join(ROOT, entry)],
          outfile: files[name],
        });
      }
      for (let index = 0; index < runs; index++) {
        for (const name of index % 2 === 0 ? names : [...names].reverse()) {
          samples[name].push(await importMs(files[name], CONFIGS[name].nodeOptions, functionEnv));
        }
      }
      const measure = (name: ConfigName): BundleMeasure => ({
        kb: statSync(files[name]).size / 1024,
        importMs: median(samples[name]),
        importRuns: samples[name],
      });
      rows.push({ id, entry, plain: measure('plain'), deploy: measure('deploy') });
    }
    return rows;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
