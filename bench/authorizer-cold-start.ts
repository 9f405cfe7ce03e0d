/**
 * `npm run bench:authorizer`: the authorizer's cold start against its budget in docs/PERFORMANCE.md (≤ 1.25× a jose-only
 * bundle). Bundles the authorizer and a baseline that imports only what the authorizer takes from jose
 * (`jwtVerify`, `decodeProtectedHeader`), both as the stack deploys them, then requires each in fresh `node`
 * processes, interleaved (a, b, b, a, …) so machine noise falls on both alike, and prints sizes and medians.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { authorizer } from '../functions/routes';
import { median } from './stats';

const ROOT = resolve(__dirname, '..');
const run = promisify(execFile);
const RUNS = Number(process.env.RUNS ?? 21);

const PROBE =
  'const s=process.hrtime.bigint();require(process.argv[1]);process.stdout.write(String(Number(process.hrtime.bigint()-s)/1e6))';

async function importMs(file: string): Promise<number> {
  const { stdout } = await run(process.execPath, ['--enable-source-maps', '-e', PROBE, file], {
    env: {
      PATH: process.env.PATH ?? '',
      TOKEN_KEYS_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:x',
    },
  });
  return Number(stdout);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'task-api-authorizer-bench-'));
  try {
    const baselineEntry = join(dir, 'jose-only.ts');
    writeFileSync(
      baselineEntry,
      "import { decodeProtectedHeader, jwtVerify } from 'jose';\n" +
        'export const handler = async (event: { token: string; key: Uint8Array }) => {\n' +
        '  decodeProtectedHeader(event.token);\n' +
        "  return jwtVerify(event.token, event.key, { algorithms: ['HS256'] });\n};\n",
    );
    const bundles = { 'jose only': baselineEntry, Authorizer: join(ROOT, authorizer.entry) };
    const files: Record<string, string> = {};
    for (const [name, entry] of Object.entries(bundles)) {
      files[name] = join(dir, `${name.replace(/\W/g, '-')}.js`);
      await build({
        entryPoints: [entry],
        outfile: files[name],
        bundle: true,
        minify: true,
        treeShaking: true,
        platform: 'node',
        target: 'node22',
        format: 'cjs',
        mainFields: ['module', 'main'],
        sourcemap: true,
        sourcesContent: false,
        logLevel: 'silent',
        nodePaths: [join(ROOT, 'node_modules')],
      });
    }
    const names = Object.keys(files);
    const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
    for (let index = 0; index < RUNS; index++) {
      for (const name of index % 2 === 0 ? names : [...names].reverse())
        samples[name]!.push(await importMs(files[name]!));
    }
    console.log(
      `node ${process.version}, ${RUNS} fresh processes each, interleaved; deploy bundles (esbuild, minified, source maps)`,
    );
    for (const name of names) {
      console.log(
        `${name.padEnd(12)} ${(statSync(files[name]!).size / 1024).toFixed(1).padStart(7)} KB   import p50 ${median(samples[name]!).toFixed(2)} ms`,
      );
    }
    const ratio = median(samples.Authorizer!) / median(samples['jose only']!);
    console.log(`ratio (authorizer / jose only): ${ratio.toFixed(2)} (budget ≤ 1.25)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
