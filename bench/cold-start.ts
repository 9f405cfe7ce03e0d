import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { authorizer, routes } from '../functions/routes';
import { COMMON, CONFIGS, importMs } from './bundles';
import { median } from './stats';
import { printTable } from './table';

/**
 * Section 6: cold import against the floors, in one interleaved run. Every function is bundled as it is
 * deployed and required in fresh `node` processes, beside
 *
 * - the floors: the DynamoDB document client alone (data functions) and jose alone (the authorizer);
 * - the tracing choice: the floor with Powertools Logger + Metrics, and that plus Powertools Tracer or
 *   plus the functions' own X-Ray subsegments (bench/floors/);
 * - with `--against <git ref>`: the same function built from that commit (the figures before a change).
 *
 * Budgets (DESIGN.md, performance issue): a function ≤ 1.25× its floor; a change ≤ 1.10× its "before".
 */

const ROOT = resolve(__dirname, '..');
export const FLOOR_BUDGET = 1.25;
export const CHANGE_BUDGET = 1.1;

interface Bundle {
  name: string;
  entry: string;
  /** The source tree it is built from (the repository, or a checkout of `--against`). */
  root: string;
  file?: string;
  runs: number[];
}

export interface ColdStartRow {
  name: string;
  kb: number;
  importMs: number;
  floor?: string;
  floorRatio?: number;
  before?: { kb: number; importMs: number; ratio: number };
  runs: number[];
}

export interface ColdStartResults {
  runs: number;
  against?: string;
  reference: ColdStartRow[];
  functions: ColdStartRow[];
}

const FLOORS = {
  'floor: DynamoDB document client': 'bench/floors/dynamodb-client.ts',
  'floor: jose': 'bench/floors/jose.ts',
  'floor + Powertools Logger + Metrics': 'bench/floors/logs-and-metrics.ts',
  '  + Powertools Tracer (captureAWSv3Client, middy)': 'bench/floors/powertools-tracer.ts',
  '  + own X-Ray subsegments (traceAwsClient)': 'bench/floors/light-tracing.ts',
} as const;
const SDK_FLOOR = 'floor: DynamoDB document client';
const JOSE_FLOOR = 'floor: jose';

/** `git archive` of a commit into a temporary directory that shares this checkout's node_modules. */
function checkout(ref: string): { commit: string; root: string } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  const commit = git('rev-parse', '--verify', '--short', `${ref}^{commit}`);
  const root = mkdtempSync(join(tmpdir(), `task-api-${commit}-`));
  const archive = execFileSync('git', ['archive', '--format=tar', commit], { cwd: ROOT, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', root], { input: archive });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return { commit, root };
}

async function bundle(item: Bundle, outDir: string): Promise<void> {
  const entry = join(item.root, item.entry);
  if (!existsSync(entry)) return;
  item.file = join(outDir, `${item.name.replace(/[^A-Za-z0-9]+/g, '-')}.js`);
  await build({ ...COMMON, ...CONFIGS.deploy.options, entryPoints: [entry], outfile: item.file });
}

/**
 * Builds every bundle, then requires each `runs` times in a fresh `node`, all bundles once per round,
 * the order reversed every other round so drift in the machine's load falls on all of them alike.
 */
export async function measureColdStart(
  functionEnv: Record<string, string>,
  options: { runs?: number; against?: string } = {},
): Promise<ColdStartResults> {
  const runs = options.runs ?? 9;
  const outDir = mkdtempSync(join(tmpdir(), 'task-api-cold-'));
  const before = options.against ? checkout(options.against) : undefined;
  try {
    const functions = [...routes, authorizer].map(({ id, entry }) => ({ id, entry }));
    const reference: Bundle[] = Object.entries(FLOORS).map(([name, entry]) => ({
      name,
      entry,
      root: ROOT,
      runs: [],
    }));
    const current: Bundle[] = functions.map(({ id, entry }) => ({ name: id, entry, root: ROOT, runs: [] }));
    const previous: Bundle[] = before
      ? functions.map(({ id, entry }) => ({
          name: `${id}@${before.commit}`,
          entry,
          root: before.root,
          runs: [],
        }))
      : [];
    const all = [...reference, ...current, ...previous];
    mkdirSync(outDir, { recursive: true });
    for (const item of all) await bundle(item, outDir);
    const built = all.filter((item) => item.file !== undefined);
    for (let round = 0; round < runs; round++) {
      for (const item of round % 2 === 0 ? built : [...built].reverse()) {
        item.runs.push(await importMs(item.file ?? '', CONFIGS.deploy.nodeOptions, functionEnv));
      }
    }

    const measure = (item: Bundle) => ({
      kb: item.file ? statSync(item.file).size / 1024 : Number.NaN,
      importMs: item.file ? median(item.runs) : Number.NaN,
    });
    const floorOf = (name: string) => measure(reference.find((item) => item.name === name) as Bundle);
    const row = (item: Bundle, floor?: string): ColdStartRow => ({
      name: item.name,
      ...measure(item),
      ...(floor ? { floor, floorRatio: measure(item).importMs / floorOf(floor).importMs } : {}),
      runs: item.runs,
    });
    return {
      runs,
      ...(before ? { against: before.commit } : {}),
      reference: reference.map((item) => row(item, item.name === JOSE_FLOOR ? undefined : SDK_FLOOR)),
      functions: current.map((item, index) => {
        const measured = row(item, item.name === authorizer.id ? JOSE_FLOOR : SDK_FLOOR);
        const old = previous[index];
        if (!old?.file) return measured;
        const then = measure(old);
        return { ...measured, before: { ...then, ratio: measured.importMs / then.importMs } };
      }),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
    if (before) rmSync(before.root, { recursive: true, force: true });
  }
}

export function printColdStart(results: ColdStartResults): void {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const kb = (value: number) => `${value.toFixed(1)} KB`;
  const ratio = (value: number | undefined) => (value === undefined ? undefined : `${value.toFixed(2)}×`);
  printTable(
    `6a. Cold import: floors and the tracing choice (deploy bundles, require() in a fresh node, median of ${results.runs}, interleaved)`,
    ['bundle', 'size', 'import p50', 'vs DynamoDB floor', 'runs (ms)'],
    results.reference.map((r) => [
      r.name,
      kb(r.kb),
      ms(r.importMs),
      r.floor ? ratio(r.floorRatio) : undefined,
      r.runs.map((value) => value.toFixed(0)).join(' '),
    ]),
  );
  const headers = ['function', 'size', 'import p50', 'floor', 'vs floor', `≤ ${FLOOR_BUDGET}×`];
  if (results.against)
    headers.push(
      `size @${results.against}`,
      `import p50 @${results.against}`,
      'after / before',
      `≤ ${CHANGE_BUDGET}×`,
    );
  printTable(
    `6b. Cold import of every function against its floor${results.against ? ` and against ${results.against} (same run)` : ''}`,
    headers,
    results.functions.map((r) => [
      r.name,
      kb(r.kb),
      ms(r.importMs),
      r.floor === JOSE_FLOOR ? 'jose' : 'DynamoDB',
      ratio(r.floorRatio),
      r.floorRatio === undefined ? undefined : r.floorRatio <= FLOOR_BUDGET ? 'within' : 'OVER',
      ...(results.against
        ? r.before
          ? [
              kb(r.before.kb),
              ms(r.before.importMs),
              ratio(r.before.ratio),
              r.before.ratio <= CHANGE_BUDGET ? 'within' : 'OVER',
            ]
          : ['—', '—', undefined, 'new']
        : []),
    ]),
  );
}
