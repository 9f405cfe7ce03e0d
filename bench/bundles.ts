import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { esbuildOptions, functionBundling, type FunctionBundling } from '../lib/config/bundling';
import { authorizer, routes } from '../functions/routes';
import { median } from './stats';

const ROOT = resolve(__dirname, '..');
const run = promisify(execFile);

/**
 * The floors: the least a function of each kind can import in (bench/floors/). `joseObserved` is the jose
 * floor plus the logs and metrics every function carries: not a budget, the reference that says how much of
 * the authorizer's distance to its floor is Powertools itself.
 */
export const FLOORS = {
  sdk: { id: 'SDK floor', entry: 'bench/floors/dynamodb-client.ts' },
  jose: { id: 'jose floor', entry: 'bench/floors/jose-verify.ts' },
  joseObserved: { id: 'jose + logs and metrics', entry: 'bench/floors/jose-logs-and-metrics.ts' },
} as const;
export type FloorName = keyof typeof FLOORS;

/** Budget (docs/PERFORMANCE.md): a function's cold import at most this many times its floor's. */
export const IMPORT_RATIO_BUDGET = 1.25;

/** Where a bundle's bytes come from (esbuild metafile), in KB. */
export interface BundleComposition {
  awsSdk: number;
  zod: number;
  jose: number;
  middy: number;
  powertools: number;
  /** This repository's own modules. */
  own: number;
  other: number;
}

/** One bundle: size, composition, and its cold import times. */
export interface BundleMeasure {
  kb: number;
  mapKb: number;
  composition: BundleComposition;
  /** Median over fresh `node` processes of the `require()` of the bundle, wall time, in ms. */
  importMs: number;
  importRuns: number[];
  /** The same requires' CPU time (user + system, all threads of the child): what other processes' load leaves alone. */
  importCpuMs: number;
  cpuRuns: number[];
}

/** A deployed function (the peer, a reference) against its floor, measured in alternation. */
export interface BundleRow extends BundleMeasure {
  id: string;
  entry: string;
  kind: SubjectKind;
  floor: FloorName;
  /** importMs / the floor's importMs over the whole run. */
  ratio: number;
  /** Median of the per-round ratios (each function run against the floor run right beside it). */
  pairedRatio: number;
  /** importCpuMs / the floor's importCpuMs: the ratio the verdict uses (see docs/PERFORMANCE.md). */
  cpuRatio: number;
}

export interface FloorRow extends BundleMeasure {
  name: FloorName;
  id: string;
  entry: string;
}

/** One bundling alternative for one function, against the deployed configuration. */
export interface VariantRow {
  function: string;
  variant: string;
  kb: number;
  mapKb: number;
  /** Undefined when the bundle and its Node options are identical to the deployed ones (not timed). */
  importMs?: number;
  importCpuMs?: number;
  /** Median of the per-round ratios to the deployed bundle, wall and CPU time. */
  ratioToDeployed?: number;
  cpuRatioToDeployed?: number;
  identical: boolean;
}

export interface BundleResults {
  options: BuildOptions;
  nodeOptions: readonly string[];
  rounds: number;
  floors: FloorRow[];
  rows: BundleRow[];
  variants: VariantRow[];
}

/** Times the require inside the child (wall and CPU), so process start-up is not counted. */
const IMPORT_PROBE = [
  'const start = process.hrtime.bigint();',
  'const cpu = process.cpuUsage();',
  'require(process.argv[1]);',
  'const used = process.cpuUsage(cpu);',
  'process.stdout.write(`${Number(process.hrtime.bigint() - start) / 1e6} ${(used.user + used.system) / 1000}`);',
].join('');

/** One cold import: wall and CPU milliseconds. */
export interface Timing {
  wall: number;
  cpu: number;
}

/**
 * What a row is: a deployed function (held to the budget), the Powertools peer, or a reference (a floor
 * with the logs and metrics every function carries, or a function against that floor): no budget.
 */
export type SubjectKind = 'function' | 'peer' | 'reference';

/** A bundle measured against a floor. */
interface Subject {
  id: string;
  entry: string;
  kind: SubjectKind;
  floor: FloorName;
}

export interface Built {
  file: string;
  nodeOptions: readonly string[];
  kb: number;
  mapKb: number;
  bytes: Buffer;
  composition: BundleComposition;
}

/** One cold import of a bundle in a fresh `node` with the functions' environment. */
export async function importTiming(bundle: Built, functionEnv: Record<string, string>): Promise<Timing> {
  const { stdout } = await run(process.execPath, [...bundle.nodeOptions, '-e', IMPORT_PROBE, bundle.file], {
    env: { PATH: process.env.PATH ?? '', ...functionEnv },
    timeout: 30_000,
  });
  const [wall, cpu] = stdout.trim().split(' ').map(Number);
  return { wall: wall ?? Number.NaN, cpu: cpu ?? Number.NaN };
}

/**
 * Section 5: every deployed function, the Powertools peer and the two floors, bundled with the deployed
 * options (lib/config/bundling.ts, the same object CDK builds from), then each required `rounds` times in
 * a fresh `node` with the functions' environment, every function alternating with its floor so noise falls
 * on both alike. Then the bundling alternatives, on two representative functions.
 */
export async function measureBundles(
  functionEnv: Record<string, string>,
  rounds = 9,
  options: { variants?: boolean } = {},
): Promise<BundleResults> {
  const outDir = mkdtempSync(join(tmpdir(), 'task-api-bench-'));
  const importMs = (bundle: Built) => importTiming(bundle, functionEnv);
  try {
    const subjects: Subject[] = [
      ...routes.map((route) => ({
        id: route.id,
        entry: route.entry,
        kind: 'function' as const,
        floor: 'sdk' as const,
      })),
      { id: authorizer.id, entry: authorizer.entry, kind: 'function', floor: 'jose' },
      {
        id: 'Powertools create (peer)',
        entry: 'bench/peer/powertools-create.ts',
        kind: 'peer',
        floor: 'sdk',
      },
      // What Powertools Logger + Metrics (and middy) alone cost each floor, and the authorizer against
      // the jose floor that carries them.
      {
        id: 'SDK floor + logs and metrics',
        entry: 'bench/floors/logs-and-metrics.ts',
        kind: 'reference',
        floor: 'sdk',
      },
      {
        id: 'jose floor + logs and metrics',
        entry: FLOORS.joseObserved.entry,
        kind: 'reference',
        floor: 'jose',
      },
      {
        id: `${authorizer.id} vs jose + logs and metrics`,
        entry: authorizer.entry,
        kind: 'reference',
        floor: 'joseObserved',
      },
    ];
    const deployed = (entry: string, name: string) =>
      bundle(entry, join(outDir, 'deployed', name), functionBundling);
    const floors = {} as Record<FloorName, Built>;
    for (const name of Object.keys(FLOORS) as FloorName[])
      floors[name] = await deployed(FLOORS[name].entry, name);
    const built = new Map<string, Built>();
    for (const subject of subjects) built.set(subject.id, await deployed(subject.entry, subject.id));

    // Round r visits every subject (starting one further each round); each subject runs beside its floor,
    // the floor first on every other visit.
    const subjectRuns = new Map<string, Timing[]>(subjects.map((subject) => [subject.id, []]));
    const pairRatios = new Map<string, number[]>(subjects.map((subject) => [subject.id, []]));
    const floorRuns: Record<FloorName, Timing[]> = { sdk: [], jose: [], joseObserved: [] };
    for (let round = 0; round < rounds; round++) {
      for (let offset = 0; offset < subjects.length; offset++) {
        const index = (round + offset) % subjects.length;
        const subject = subjects[index]!;
        const floorFirst = (round + index) % 2 === 0;
        let floorMs: Timing | undefined;
        let subjectMs: Timing | undefined;
        for (const which of floorFirst ? ['floor', 'subject'] : ['subject', 'floor']) {
          if (which === 'floor') floorMs = await importMs(floors[subject.floor]);
          else subjectMs = await importMs(built.get(subject.id)!);
        }
        floorRuns[subject.floor].push(floorMs!);
        subjectRuns.get(subject.id)!.push(subjectMs!);
        pairRatios.get(subject.id)!.push(subjectMs!.wall / floorMs!.wall);
      }
    }

    const measure = (bundleBuilt: Built, runs: Timing[]): BundleMeasure => ({
      kb: bundleBuilt.kb,
      mapKb: bundleBuilt.mapKb,
      composition: bundleBuilt.composition,
      importMs: median(runs.map((timing) => timing.wall)),
      importRuns: runs.map((timing) => timing.wall),
      importCpuMs: median(runs.map((timing) => timing.cpu)),
      cpuRuns: runs.map((timing) => timing.cpu),
    });
    const floorRows = (Object.keys(FLOORS) as FloorName[]).map((name) => ({
      name,
      ...FLOORS[name],
      ...measure(floors[name], floorRuns[name]),
    }));
    const floorMedian = (name: FloorName) => median(floorRuns[name].map((timing) => timing.wall));
    const floorCpuMedian = (name: FloorName) => median(floorRuns[name].map((timing) => timing.cpu));
    const rows = subjects.map((subject) => {
      const measured = measure(built.get(subject.id)!, subjectRuns.get(subject.id)!);
      return {
        ...subject,
        ...measured,
        ratio: measured.importMs / floorMedian(subject.floor),
        pairedRatio: median(pairRatios.get(subject.id)!),
        cpuRatio: measured.importCpuMs / floorCpuMedian(subject.floor),
      };
    });

    return {
      options: esbuildOptions(functionBundling),
      nodeOptions: functionBundling.nodeOptions,
      rounds,
      floors: floorRows,
      rows,
      variants: options.variants === false ? [] : await measureVariants(outDir, built, importMs, rounds),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** A bundling alternative: the deployed definition changed in one respect (or an esbuild option added). */
interface Variant {
  name: string;
  bundling?: Partial<FunctionBundling>;
  esbuild?: BuildOptions;
}

/**
 * The alternatives measured against the deployed configuration (docs/PERFORMANCE.md, section 5b, says
 * why each was kept or not).
 */
const VARIANTS: Variant[] = [
  {
    name: '+ --enable-source-maps (the previous deploy)',
    bundling: { nodeOptions: ['--enable-source-maps'] },
  },
  { name: 'no source map file', bundling: { sourceMap: false } },
  { name: 'keepNames', bundling: { keepNames: true } },
  {
    name: "CommonJS builds first (mainFields ['main', 'module'])",
    bundling: { mainFields: ['main', 'module'] },
  },
  { name: "charset: 'utf8'", esbuild: { charset: 'utf8' } },
  { name: "legalComments: 'none'", esbuild: { legalComments: 'none' } },
  { name: "conditions: ['module']", esbuild: { conditions: ['module'] } },
];

/** The two functions the alternatives are measured on: the heaviest data function and the authorizer. */
const VARIANT_SUBJECTS = ['CreateTask', authorizer.id];

async function measureVariants(
  outDir: string,
  deployedBundles: Map<string, Built>,
  importMs: (bundle: Built) => Promise<Timing>,
  rounds: number,
): Promise<VariantRow[]> {
  const rows: VariantRow[] = [];
  for (const id of VARIANT_SUBJECTS) {
    const deployed = deployedBundles.get(id)!;
    const entry = id === authorizer.id ? authorizer.entry : routes.find((route) => route.id === id)!.entry;
    const candidates: { name: string; built: Built; identical: boolean }[] = [
      { name: 'deployed', built: deployed, identical: true },
    ];
    for (const [index, variant] of VARIANTS.entries()) {
      const bundling = { ...functionBundling, ...variant.bundling };
      const variantBuilt = await bundle(
        entry,
        join(outDir, `variant-${index}`, id),
        bundling,
        variant.esbuild,
      );
      const identical =
        variantBuilt.bytes.equals(deployed.bytes) &&
        variantBuilt.nodeOptions.join(' ') === deployed.nodeOptions.join(' ');
      candidates.push({ name: variant.name, built: variantBuilt, identical });
    }
    const timed = candidates.filter((candidate) => candidate.name === 'deployed' || !candidate.identical);
    const runs = new Map<string, Timing[]>(timed.map((candidate) => [candidate.name, []]));
    const ratios = new Map<string, Timing[]>(timed.map((candidate) => [candidate.name, []]));
    for (let round = 0; round < rounds; round++) {
      const order = timed.map((_, offset) => timed[(round + offset) % timed.length]!);
      const thisRound = new Map<string, Timing>();
      for (const candidate of order) thisRound.set(candidate.name, await importMs(candidate.built));
      const deployedNow = thisRound.get('deployed')!;
      for (const candidate of timed) {
        const timing = thisRound.get(candidate.name)!;
        runs.get(candidate.name)!.push(timing);
        ratios
          .get(candidate.name)!
          .push({ wall: timing.wall / deployedNow.wall, cpu: timing.cpu / deployedNow.cpu });
      }
    }
    for (const candidate of candidates) {
      const timedRuns = runs.get(candidate.name);
      rows.push({
        function: id,
        variant: candidate.name,
        kb: candidate.built.kb,
        mapKb: candidate.built.mapKb,
        identical: candidate.name !== 'deployed' && candidate.identical,
        ...(timedRuns
          ? {
              importMs: median(timedRuns.map((timing) => timing.wall)),
              importCpuMs: median(timedRuns.map((timing) => timing.cpu)),
              ratioToDeployed: median(ratios.get(candidate.name)!.map((ratio) => ratio.wall)),
              cpuRatioToDeployed: median(ratios.get(candidate.name)!.map((ratio) => ratio.cpu)),
            }
          : {}),
      });
    }
  }
  return rows;
}

/**
 * Bundles `entry` (relative to `root`, the repository by default) into `dir/index.js` (the file name CDK's
 * asset uses) and reads back what it produced.
 */
export async function bundle(
  entry: string,
  dir: string,
  bundling: FunctionBundling,
  extra: BuildOptions = {},
  root = ROOT,
): Promise<Built> {
  const file = join(dir, 'index.js');
  const { metafile } = await build({
    ...esbuildOptions(bundling),
    ...extra,
    entryPoints: [join(root, entry)],
    outfile: file,
    metafile: true,
    logLevel: 'silent',
  });
  const bytes = readFileSync(file);
  let mapKb = 0;
  try {
    mapKb = statSync(`${file}.map`).size / 1024;
  } catch {
    mapKb = 0; // no source map in this configuration
  }
  return {
    file,
    nodeOptions: bundling.nodeOptions,
    kb: bytes.length / 1024,
    mapKb,
    bytes,
    composition: composition(metafile),
  };
}

/** The output bytes of each input, grouped by where the input comes from. */
function composition(metafile: Metafile): BundleComposition {
  const totals: BundleComposition = { awsSdk: 0, zod: 0, jose: 0, middy: 0, powertools: 0, own: 0, other: 0 };
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      totals[groupOf(input)] += bytesInOutput / 1024;
    }
  }
  return totals;
}

function groupOf(input: string): keyof BundleComposition {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (!match) return 'own';
  const name = match[1]!;
  if (
    /^@(aws-sdk|smithy|aws-crypto)\//.test(name) ||
    ['tslib', 'fast-xml-parser', 'strnum', 'bowser'].includes(name)
  )
    return 'awsSdk';
  if (name === 'zod') return 'zod';
  if (name === 'jose') return 'jose';
  if (name.startsWith('@middy/')) return 'middy';
  if (name.startsWith('@aws-lambda-powertools/') || name === '@standard-schema/spec') return 'powertools';
  return 'other';
}
