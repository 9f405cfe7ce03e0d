import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
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
 * - 7c, with `--against`: the cold start a client waits for, import **and first request**, of three
 *   functions of different kinds (health, a read, the authorizer), before and after: work that moved from
 *   the first request to the import (Node modules the AWS SDK loads on its first call anyway) shows there.
 *
 * Bundles are built with the deployed options (lib/config/bundling.ts) and required in fresh `node`
 * processes, every bundle once per round in a rotating order. Verdicts use CPU time, as section 5 does:
 * other processes' load moves wall time far more than it moves the CPU a require burns.
 */

const ROOT = resolve(__dirname, '..');
const run = promisify(execFile);
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

/** A cold start measured whole: the require, then one invocation, in the same fresh process. */
export interface FirstRequestRow {
  id: string;
  /** CPU ms: import, first invocation, both (medians over the rounds). */
  before: { importCpuMs: number; firstCpuMs: number; totalCpuMs: number };
  after: { importCpuMs: number; firstCpuMs: number; totalCpuMs: number };
  /** Median of the per-round total-CPU ratios after / before. */
  totalRatio: number;
}

export interface ColdStartResults {
  rounds: number;
  firstRequests?: FirstRequestRow[];
  /** `cpuDeltaMs`: CPU added to the floor; `cpuDeltaToLogsMs` (tracing rows): to Logger and Metrics. */
  variants: (ColdStartMeasure & { cpuRatioToFloor: number; cpuDeltaMs: number; cpuDeltaToLogsMs?: number })[];
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

type Timing2 = { importCpu: number; firstCpu: number };

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

/**
 * Requires the bundle, then invokes its handler once with the event, timing both in CPU; prints the answer's
 * status (200 for an authorizer's policy) or what it threw.
 */
const FIRST_REQUEST_PROBE = [
  "const { readFileSync } = require('node:fs');",
  'const cpu0 = process.cpuUsage();',
  'const { handler } = require(process.argv[1]);',
  'const cpu1 = process.cpuUsage();',
  "const context = { functionName: 'bench', functionVersion: '$LATEST', awsRequestId: 'bench-cold', memoryLimitInMB: '512', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench', getRemainingTimeInMillis: () => 10000 };",
  "Promise.resolve(handler(JSON.parse(readFileSync(process.argv[2], 'utf8')), context)).then(",
  '  (result) => result?.statusCode ?? (result?.principalId ? 200 : 0),',
  '  (error) => `threw-${error?.name}`,',
  ').then((outcome) => {',
  '  const cpu2 = process.cpuUsage();',
  '  const ms = (a, b) => (b.user + b.system - a.user - a.system) / 1000;',
  '  process.stdout.write(`\\n@@ ${ms(cpu0, cpu1)} ${ms(cpu1, cpu2)} ${outcome}\\n`);',
  '});',
].join('\n');

/** The three functions 7c measures whole, with the event each gets (test/events/, a real token). */
const FIRST_REQUEST_SUBJECTS = ['Health', 'GetTask', 'Authorizer'] as const;

async function firstRequestEvents(dir: string): Promise<Record<string, string>> {
  const { issueAccessToken } = await import('../functions/shared/auth/access-tokens');
  const { token } = await issueAccessToken('bench-cold-start-user');
  return Object.fromEntries(
    FIRST_REQUEST_SUBJECTS.map((id) => {
      const file = join(dir, `${id}.json`);
      writeFileSync(
        file,
        readFileSync(join(ROOT, 'test/events', `${id}.json`), 'utf8').replaceAll('{{accessToken}}', token),
      );
      return [id, file];
    }),
  );
}

async function firstRequestTiming(
  built: Built,
  eventFile: string,
  functionEnv: Record<string, string>,
): Promise<{ importCpu: number; firstCpu: number }> {
  const { stdout } = await run(
    process.execPath,
    [...built.nodeOptions, '-e', FIRST_REQUEST_PROBE, built.file, eventFile],
    {
      // Production's level: the function writes what it writes in AWS.
      env: {
        PATH: process.env.PATH ?? '',
        ...functionEnv,
        LOG_LEVEL: 'info',
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      },
      timeout: 30_000,
      maxBuffer: 1 << 24,
    },
  );
  const [, importCpu, firstCpu, outcome] = /@@ (\S+) (\S+) (\S+)/.exec(stdout) ?? [];
  // A first request that failed would time an error path, not the cold start a client waits for.
  if (!outcome || !/^[1-4]\d\d$/.test(outcome))
    throw new Error(`7c: ${built.file} answered its first request with ${outcome ?? 'nothing'}`);
  return { importCpu: Number(importCpu), firstCpu: Number(firstCpu) };
}

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

    const firstRequests: FirstRequestRow[] = [];
    if (before) {
      const events = await firstRequestEvents(outDir);
      const pairs = functions.filter(
        (each): each is { id: string; after: Subject; before: Subject } =>
          (FIRST_REQUEST_SUBJECTS as readonly string[]).includes(each.id) && each.before !== undefined,
      );
      const samples = new Map(
        pairs.map(({ id }) => [id, { before: [] as Timing2[], after: [] as Timing2[] }]),
      );
      for (let round = 0; round < rounds; round++) {
        for (const { id, after, before: then } of pairs) {
          const order = round % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const);
          for (const which of order) {
            const timing = await firstRequestTiming(
              (which === 'after' ? after : then).built,
              events[id] ?? '',
              functionEnv,
            );
            samples.get(id)?.[which].push(timing);
          }
        }
      }
      for (const { id } of pairs) {
        const { before: then = [], after = [] } = samples.get(id) ?? {};
        const summary = (list: Timing2[]) => ({
          importCpuMs: median(list.map((each) => each.importCpu)),
          firstCpuMs: median(list.map((each) => each.firstCpu)),
          totalCpuMs: median(list.map((each) => each.importCpu + each.firstCpu)),
        });
        firstRequests.push({
          id,
          before: summary(then),
          after: summary(after),
          totalRatio: median(
            after.map((each, round) => {
              const old = then[round];
              return old ? (each.importCpu + each.firstCpu) / (old.importCpu + old.firstCpu) : Number.NaN;
            }),
          ),
        });
      }
    }

    const floor = measured(variants[0] as Subject);
    // Paired per round (each round visits every bundle): load that comes and goes falls on both sides.
    const added = (subject: Subject, base: Subject) =>
      median(subject.runs.map((timing, round) => timing.cpu - (base.runs[round]?.cpu ?? Number.NaN)));
    return {
      rounds,
      variants: variants.map((subject, position) => {
        const row = measured(subject);
        return {
          ...row,
          cpuRatioToFloor: row.importCpuMs / floor.importCpuMs,
          cpuDeltaMs: added(subject, variants[0] as Subject),
          ...(position >= 2 ? { cpuDeltaToLogsMs: added(subject, variants[1] as Subject) } : {}),
        };
      }),
      ...(before ? { against: before.commit, firstRequests } : {}),
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
  const signed = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)} ms`;
  printTable(
    `7a. What logs, metrics and traces add to a cold import (deployed options, fresh node, median of ${results.rounds} interleaved rounds; added = median of the per-round differences)`,
    [
      'bundle',
      'size',
      'import p50 (wall)',
      'import p50 (CPU)',
      'CPU vs floor',
      'CPU added to floor',
      'CPU added to Logger+Metrics',
    ],
    results.variants.map((row) => [
      row.name,
      kb(row.kb),
      ms(row.importMs),
      ms(row.importCpuMs),
      `${row.cpuRatioToFloor.toFixed(2)}×`,
      row.name === VARIANTS[0].name ? undefined : signed(row.cpuDeltaMs),
      row.cpuDeltaToLogsMs === undefined ? undefined : signed(row.cpuDeltaToLogsMs),
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
  const rows = results.firstRequests ?? [];
  if (rows.length === 0) return;
  printTable(
    `7c. The whole cold start a client waits for: import + first request, CPU ms, before (@${results.against}) and now (LOG_LEVEL=info, median of ${results.rounds})`,
    [
      'function',
      'import before',
      'first request before',
      'total before',
      'import now',
      'first request now',
      'total now',
      'now / before',
    ],
    rows.map((row) => [
      row.id,
      ms(row.before.importCpuMs),
      ms(row.before.firstCpuMs),
      ms(row.before.totalCpuMs),
      ms(row.after.importCpuMs),
      ms(row.after.firstCpuMs),
      ms(row.after.totalCpuMs),
      `${row.totalRatio.toFixed(2)}×`,
    ]),
  );
}
