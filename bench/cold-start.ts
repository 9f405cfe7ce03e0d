import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BuildOptions } from 'esbuild';
import { functionBundling, type FunctionBundling } from '../lib/config/bundling';
import { authorizer, routes } from '../functions/routes';
import { bundle, FLOORS, IMPORT_RATIO_BUDGET, importTiming, type Built, type Timing } from './bundles';
import { median } from './stats';
import { printTable } from './table';

/**
 * Section 7: what logs, metrics and traces cost a cold start, in one interleaved run.
 *
 * - 7a, the tracing choice: the SDK floor; the floor with middy + Powertools Logger + Metrics (what every
 *   function pays for logs and metrics); that plus Powertools Tracer, or plus the functions' own X-Ray
 *   subsegments (bench/floors/). docs/DECISIONS.md records the choice made from these rows.
 * - 7b, with `--against <git ref>`: every function built from that commit, with that commit's bundling
 *   definition, beside the same function now: the before/after of a change to the code or to the bundling,
 *   measured side by side (budget: ≤ 1.10× its "before").
 *
 * Bundles are built with the deployed options (lib/config/bundling.ts) and required in fresh `node`
 * processes, every bundle once per round in a rotating order. Verdicts use CPU time, as section 5 does:
 * other processes' load moves wall time far more than it moves the CPU a require burns.
 */

const ROOT = resolve(__dirname, '..');
/** Budget of a change: a function's cold import at most this many times what it was before. */
export const CHANGE_BUDGET = 1.1;

const VARIANTS = [
  { name: 'SDK floor', entry: FLOORS.sdk.entry },
  { name: '+ middy, Powertools Logger and Metrics', entry: 'bench/floors/logs-and-metrics.ts' },
  { name: '  + Powertools Tracer (captureAWSv3Client)', entry: 'bench/floors/powertools-tracer.ts' },
  { name: '  + own X-Ray subsegments (traceAwsClient)', entry: 'bench/floors/light-tracing.ts' },
] as const;

export interface ColdStartMeasure {
  name: string;
  kb: number;
  importMs: number;
  importCpuMs: number;
  cpuRuns: number[];
}

export interface ColdStartResults {
  rounds: number;
  variants: (ColdStartMeasure & { cpuRatioToFloor: number; cpuDeltaMs: number })[];
  against?: string;
  functions: {
    id: string;
    after: ColdStartMeasure;
    before?: ColdStartMeasure;
    /** Median of the per-round CPU ratios after / before (each pair measured in the same round). */
    cpuRatio?: number;
  }[];
}

/** `git archive` of a commit into a temporary directory that shares this checkout's node_modules. */
function checkout(ref: string): { commit: string; root: string } {
  const commit = execFileSync('git', ['rev-parse', '--verify', '--short', `${ref}^{commit}`], {
    cwd: ROOT,
    encoding: 'utf8',
  }).trim();
  const root = mkdtempSync(join(tmpdir(), `task-api-${commit}-`));
  const archive = execFileSync('git', ['archive', '--format=tar', commit], { cwd: ROOT, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', root], { input: archive });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return { commit, root };
}

/**
 * The bundling definition at a checked-out commit (its lib/config/bundling.ts): the Node options it set, and
 * its esbuild options, every one of them (an option it did not have yet, such as `alias`, at esbuild's
 * default). A commit before the shared definition existed builds with today's.
 */
async function bundlingAt(
  root: string,
): Promise<{ bundling: FunctionBundling; esbuild: BuildOptions } | undefined> {
  const file = join(root, 'lib/config/bundling.ts');
  if (!existsSync(file)) return undefined;
  const then = (await import(file)) as {
    functionBundling: Partial<FunctionBundling>;
    esbuildOptions: () => BuildOptions;
  };
  return {
    bundling: { ...functionBundling, alias: {}, ...then.functionBundling },
    esbuild: { alias: {}, ...then.esbuildOptions() },
  };
}

interface Subject {
  name: string;
  built: Built;
  runs: Timing[];
}

const measured = (subject: Subject): ColdStartMeasure => ({
  name: subject.name,
  kb: subject.built.kb,
  importMs: median(subject.runs.map((timing) => timing.wall)),
  importCpuMs: median(subject.runs.map((timing) => timing.cpu)),
  cpuRuns: subject.runs.map((timing) => timing.cpu),
});

export async function measureColdStart(
  functionEnv: Record<string, string>,
  options: { runs?: number; against?: string } = {},
): Promise<ColdStartResults> {
  const rounds = options.runs ?? 9;
  const outDir = mkdtempSync(join(tmpdir(), 'task-api-cold-'));
  const before = options.against ? checkout(options.against) : undefined;
  try {
    const build = async (
      name: string,
      entry: string,
      root = ROOT,
      bundling: FunctionBundling = functionBundling,
      esbuild: BuildOptions = {},
    ): Promise<Subject | undefined> =>
      existsSync(join(root, entry))
        ? {
            name,
            built: await bundle(
              entry,
              join(outDir, name.replace(/[^A-Za-z0-9@]+/g, '-')),
              bundling,
              esbuild,
              root,
            ),
            runs: [],
          }
        : undefined;
    const thenBundling = before ? await bundlingAt(before.root) : undefined;
    const variants: Subject[] = [];
    for (const { name, entry } of VARIANTS) variants.push((await build(name, entry)) as Subject);
    const functions: { id: string; after: Subject; before?: Subject }[] = [];
    if (before) {
      for (const { id, entry } of [...routes, authorizer]) {
        const after = (await build(id, entry)) as Subject;
        const then = await build(
          `${id}@${before.commit}`,
          entry,
          before.root,
          thenBundling?.bundling,
          thenBundling?.esbuild,
        );
        functions.push({ id, after, ...(then ? { before: then } : {}) });
      }
    }

    const subjects = [
      ...variants,
      ...functions.flatMap((each) => [each.after, ...(each.before ? [each.before] : [])]),
    ];
    for (let round = 0; round < rounds; round++) {
      for (let offset = 0; offset < subjects.length; offset++) {
        const subject = subjects[(round + offset) % subjects.length] as Subject;
        subject.runs.push(await importTiming(subject.built, functionEnv));
      }
    }

    const floor = measured(variants[0] as Subject);
    return {
      rounds,
      variants: variants.map((subject) => {
        const row = measured(subject);
        return {
          ...row,
          cpuRatioToFloor: row.importCpuMs / floor.importCpuMs,
          cpuDeltaMs: row.importCpuMs - floor.importCpuMs,
        };
      }),
      ...(before ? { against: before.commit } : {}),
      functions: functions.map(({ id, after, before: then }) => ({
        id,
        after: measured(after),
        ...(then
          ? {
              before: measured(then),
              cpuRatio: median(
                after.runs.map((timing, round) => timing.cpu / (then.runs[round]?.cpu ?? Number.NaN)),
              ),
            }
          : {}),
      })),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
    if (before) rmSync(before.root, { recursive: true, force: true });
  }
}

export function printColdStart(results: ColdStartResults): void {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const kb = (value: number) => `${value.toFixed(1)} KB`;
  printTable(
    `7a. What logs, metrics and traces add to a cold import (deployed options, fresh node, median of ${results.rounds} interleaved rounds)`,
    ['bundle', 'size', 'import p50 (wall)', 'import p50 (CPU)', 'CPU vs floor', 'CPU added'],
    results.variants.map((row) => [
      row.name,
      kb(row.kb),
      ms(row.importMs),
      ms(row.importCpuMs),
      `${row.cpuRatioToFloor.toFixed(2)}×`,
      row.name === VARIANTS[0].name ? undefined : `+${row.cpuDeltaMs.toFixed(1)} ms`,
    ]),
  );
  if (!results.against) return;
  printTable(
    `7b. Every function now against ${results.against} (same run, CPU time; budget ≤ ${CHANGE_BUDGET}× before, and ≤ ${IMPORT_RATIO_BUDGET}× its floor in section 5)`,
    [
      'function',
      `size @${results.against}`,
      'size now',
      `CPU p50 @${results.against}`,
      'CPU p50 now',
      'now / before',
      'verdict',
    ],
    results.functions.map(({ id, after, before, cpuRatio }) => [
      id,
      before ? kb(before.kb) : 'new',
      kb(after.kb),
      before ? ms(before.importCpuMs) : undefined,
      ms(after.importCpuMs),
      cpuRatio === undefined ? undefined : `${cpuRatio.toFixed(2)}×`,
      cpuRatio === undefined ? 'new' : cpuRatio <= CHANGE_BUDGET ? 'within' : 'OVER',
    ]),
  );
}
