import {
  IMPORT_RATIO_BUDGET,
  type BundleComposition,
  type BundleMeasure,
  type BundleResults,
} from './bundles';
import { memoryNote, traceSampleRate, type CostResults } from './cost';
import { API_KEYED, type IdempotencyResults } from './idempotency';
import type { ProjectionResult } from './index-projections';
import type { ListingResults } from './listing';
import { OVERHEAD_BUDGET, type OverheadResult } from './overhead';
import { roundTripCells, type RoundTripRow } from './round-trips';
import { printTable } from './table';

/** Printing of each section's results as aligned tables (stdout). */
const pct = (fraction: number): string => `${(fraction * 100).toFixed(1)} %`;

export function printRoundTrips(rows: RoundTripRow[]): void {
  printTable(
    '1. DynamoDB round trips per request (budget in docs/PERFORMANCE.md; RCU/WCU as DynamoDB Local reports them; ? = a failed request, reported without capacity)',
    ['request', 'budget', 'measured', 'verdict', 'DynamoDB requests', 'RCU', 'WCU', 'why'],
    roundTripCells(rows),
    1,
  );
}

export function printOverhead(results: OverheadResult[]): void {
  printTable(
    `2. Handler overhead over its raw DynamoDB call (interleaved; budget < ${pct(OVERHEAD_BUDGET)} at p50)`,
    [
      'request',
      'raw call',
      'n',
      'handler p50',
      'raw p50',
      'handler p90',
      'raw p90',
      'p50 ratio',
      'overhead',
      'paired Δ p50',
      'outside DB p50 (handler / raw)',
      'verdict',
    ],
    results.map((r) => [
      r.request,
      r.rawCall,
      r.iterations,
      `${r.handler.p50.toFixed(2)} ms`,
      `${r.raw.p50.toFixed(2)} ms`,
      `${r.handler.p90.toFixed(2)} ms`,
      `${r.raw.p90.toFixed(2)} ms`,
      (1 + r.overheadP50).toFixed(3),
      pct(r.overheadP50),
      `${(r.pairedDeltaP50Ms * 1000).toFixed(0)} µs`,
      `${(r.inProcessP50Ms * 1000).toFixed(0)} / ${(r.rawInProcessP50Ms * 1000).toFixed(0)} µs`,
      r.overheadP50 < OVERHEAD_BUDGET ? 'within budget' : 'OVER budget',
    ]),
  );
  console.log(
    'paired Δ = median of (handler − raw) per round; outside DB = time not spent in the DynamoDB request itself\n' +
      '(the difference of the two is what the function code and middy add, independent of the emulator speed)',
  );
}

export function printListing(results: ListingResults): void {
  const tasks = results.tasks.toLocaleString('en-US');
  printTable(
    `3a. v2 list pages over ${tasks} tasks of one user: DynamoDB cost per page (first pages of a cursor walk)`,
    [
      'query',
      'limit',
      'pages walked',
      'page 1 requests',
      'page 1 RCU',
      'page 1 scanned',
      'page 1 items',
      'mean requests',
      'max requests',
      'mean RCU',
      'mean scanned',
      'mean items',
    ],
    results.pageCosts.map((r) => [
      r.query,
      r.limit,
      `${r.pages}${r.walkedToEnd ? ' (end)' : ''}`,
      r.first.requests,
      r.first.readUnits,
      r.first.scanned,
      r.first.items,
      r.mean.requests,
      r.maxRequests,
      r.mean.readUnits,
      r.mean.scanned,
      r.mean.items,
    ]),
    1,
  );
  printTable(
    '3b. Cursor depth: page 1 vs page 100 (limit 10, interleaved; goal ≈ 1.0, must be ≤ 1.3); raw = the Query the handler sends, timed alone',
    [
      'query',
      'n',
      'page 1 p50',
      'page 100 p50',
      'page 1 p90',
      'page 100 p90',
      'p50 ratio',
      'verdict',
      'raw Query p50 p1 / p100',
      'raw ratio',
      'requests p1/p100',
      'RCU p1/p100',
    ],
    results.cursorDepth.map((r) => [
      r.query,
      r.first.n,
      `${r.first.p50.toFixed(2)} ms`,
      `${r.deep.p50.toFixed(2)} ms`,
      `${r.first.p90.toFixed(2)} ms`,
      `${r.deep.p90.toFixed(2)} ms`,
      r.ratio.toFixed(2),
      r.ratio <= 1.3 ? 'within (≤ 1.3)' : 'OVER (> 1.3)',
      `${r.rawFirst.p50.toFixed(2)} / ${r.rawDeep.p50.toFixed(2)} ms`,
      r.rawRatio.toFixed(2),
      `${r.firstCost.requests} / ${r.deepCost.requests}`,
      `${r.firstCost.readUnits} / ${r.deepCost.readUnits}`,
    ]),
  );
  printTable(
    '3c. v1 offset pages (limit 10): cost grows with skip (O(skip)); includes the counters GetItem for total_count',
    ['skip', 'n', 'p50', 'p90', 'requests', 'RCU', 'items scanned', 'items returned'],
    results.skip.map((r) => [
      r.skip,
      r.latency.n,
      `${r.latency.p50.toFixed(1)} ms`,
      `${r.latency.p90.toFixed(1)} ms`,
      r.cost.requests,
      r.cost.readUnits,
      r.cost.scanned,
      r.cost.items,
    ]),
    1,
  );
  printTable(
    '3d. Totals (limit 10, page and count in parallel): counters GetItem for no filter / status alone; counting Queries otherwise',
    ['request', 'total_count', 'requests', 'DynamoDB requests', 'RCU', 'items scanned'],
    results.totals.map((r) => [
      r.query,
      r.totalCount,
      r.cost.requests,
      compact(r.cost.commands),
      r.cost.readUnits,
      r.cost.scanned,
    ]),
    1,
  );
}

export function printIdempotency({ rows, duplicates }: IdempotencyResults): void {
  const base = rows.find((row) => row.variant === API_KEYED)?.latency ?? undefined;
  printTable(
    '4a. Idempotent create: DynamoDB requests per create and per replay, latency (interleaved, fresh keys); the API against Powertools peers (bench/peer/)',
    [
      'variant',
      'requests',
      'DynamoDB requests',
      'WCU',
      'replay requests',
      'p50',
      'p90',
      'p50 / API keyed',
      'p90 / API keyed',
      'outside DB p50',
    ],
    rows.map((r) => [
      r.variant,
      r.create.requests,
      r.create.commands,
      r.create.writeUnits,
      r.replay ? `${r.replay.requests} (${r.replay.commands})` : '—',
      `${r.latency.p50.toFixed(2)} ms`,
      `${r.latency.p90.toFixed(2)} ms`,
      base ? (r.latency.p50 / base.p50).toFixed(2) : '—',
      base ? (r.latency.p90 / base.p90).toFixed(2) : '—',
      `${(r.outsideDbP50Ms * 1000).toFixed(0)} µs`,
    ]),
    1,
  );
  printTable(
    '4b. Concurrent duplicates: identical keyed requests fired together; tasks created per trial (1 = exactly once) and every answer',
    [
      'variant',
      'pattern',
      'trials',
      'tasks per trial',
      'answers (all trials)',
      'DynamoDB requests per trial',
    ],
    duplicates.map((d) => [
      d.variant,
      d.pattern,
      d.trials,
      d.tasksPerTrial.join(' '),
      Object.entries(d.statuses)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([status, n]) => `${status} × ${n}`)
        .join(', '),
      d.dynamoRequestsPerTrial.join(' '),
    ]),
  );
}

export function printBundles(results: BundleResults): void {
  const runs = (ms: number[]) => ms.map((value) => value.toFixed(0)).join(' ');
  const floorOf = new Map(results.floors.map((floor) => [floor.name, floor]));
  const options = Object.entries(results.options)
    .map(([name, value]) => `${name}: ${JSON.stringify(value)}`)
    .join(', ');
  printTable(
    `5. Bundles, as deployed (lib/config/bundling.ts: ${options}; NODE_OPTIONS: ${results.nodeOptions.join(' ') || 'none'}).\n` +
      `   require() in a fresh node, medians of ${results.rounds}; each function alternates with its floor (data functions, Health, OpenApi and the peer: SDK floor; the authorizer: jose floor; references: no budget)`,
    [
      'bundle',
      'size',
      'map',
      'AWS SDK',
      'zod',
      'other packages',
      'own code',
      'import p50 (wall / CPU)',
      'floor',
      'floor p50 (wall / CPU)',
      'CPU ratio',
      'wall ratio',
      'paired wall ratio',
      `verdict (CPU ratio ≤ ${IMPORT_RATIO_BUDGET})`,
      'wall runs (ms)',
    ],
    [
      ...results.floors.map((floor) => [
        floor.id,
        ...measureCells(floor),
        '—',
        '—',
        '1.00',
        '1.00',
        '—',
        'the floor',
        `${floor.importRuns.length} runs, ${Math.min(...floor.importRuns).toFixed(0)}–${Math.max(...floor.importRuns).toFixed(0)}`,
      ]),
      ...results.rows.map((row) => [
        row.id,
        ...measureCells(row),
        floorOf.get(row.floor)!.id,
        importCell(floorOf.get(row.floor)!),
        row.cpuRatio.toFixed(2),
        row.ratio.toFixed(2),
        row.pairedRatio.toFixed(2),
        row.kind !== 'function'
          ? `${row.kind} (no budget)`
          : row.cpuRatio <= IMPORT_RATIO_BUDGET
            ? 'within'
            : `OVER by ${((row.cpuRatio / IMPORT_RATIO_BUDGET - 1) * 100).toFixed(0)} %`,
        runs(row.importRuns),
      ]),
    ],
  );
  if (results.variants.length === 0) return; // --only cold-start measures the functions, not the alternatives
  printTable(
    `5b. Bundling alternatives against the deployed configuration (medians of ${results.rounds}, interleaved, ratios paired per round; identical = same bytes and Node options as deployed, not timed)`,
    [
      'function',
      'variant',
      'size',
      'map',
      'import p50 (wall / CPU)',
      'CPU ratio to deployed',
      'wall ratio to deployed',
    ],
    results.variants.map((row) => [
      row.function,
      row.variant,
      kb(row.kb),
      kb(row.mapKb),
      row.identical
        ? 'identical to deployed'
        : `${row.importMs?.toFixed(1)} / ${row.importCpuMs?.toFixed(1)} ms`,
      row.identical ? '—' : (row.cpuRatioToDeployed?.toFixed(2) ?? '—'),
      row.identical ? '—' : (row.ratioToDeployed?.toFixed(2) ?? '—'),
    ]),
  );
}

const kb = (value: number) => (value >= 0.05 ? `${value.toFixed(1)} KB` : '—');
const importCell = (m: BundleMeasure) => `${m.importMs.toFixed(1)} / ${m.importCpuMs.toFixed(1)} ms`;

/** Size, map, composition and import time: the columns floors and functions share. */
const measureCells = (m: BundleMeasure): string[] => [
  kb(m.kb),
  kb(m.mapKb),
  kb(m.composition.awsSdk),
  kb(m.composition.zod),
  kb(otherPackages(m.composition)),
  kb(m.composition.own),
  importCell(m),
];

/** jose, middy, Powertools and any other package: everything but the AWS SDK, zod and our own code. */
const otherPackages = (c: BundleComposition): number => c.jose + c.middy + c.powertools + c.other;

/** `Query + Query + Query` → `3 × Query`. */
function compact(commands: string): string {
  const counts = new Map<string, number>();
  for (const command of commands.split(' + ')) counts.set(command, (counts.get(command) ?? 0) + 1);
  return [...counts].map(([command, n]) => (n > 1 ? `${n} × ${command}` : command)).join(' + ');
}

const dollars = (value: number): string =>
  value === 0 ? '0' : value < 0.01 ? value.toFixed(4) : value.toFixed(2);
const dollarRange = ([low, high]: readonly [number, number]): string =>
  dollars(low) === dollars(high) ? dollars(low) : `${dollars(low)}–${dollars(high)}`;

export function printCost(results: CostResults, projections: ProjectionResult[]): void {
  const a = results.assumptions;
  printTable(
    '6a. What each request uses (CPU: this process, user + system, median; DynamoDB units by AWS rules; bytes per request)',
    [
      'request',
      'n',
      'CPU',
      'wall p50 (DynamoDB Local)',
      'DynamoDB requests',
      'RRU',
      'WRU',
      'how the units were counted',
      'response bytes',
      'access-log bytes',
      'function log bytes',
    ],
    [...results.endpoints, results.authorizer].map((e) => [
      e.request,
      e.iterations,
      `${e.cpuMs.toFixed(2)} ms`,
      `${e.wallP50Ms.toFixed(2)} ms`,
      e.dynamo.requests === 0 ? '—' : `${e.dynamo.requests} (${compact(e.dynamo.commands)})`,
      e.dynamo.readUnits,
      e.dynamo.writeUnits,
      e.dynamo.basis,
      e.responseBytes,
      e.accessLogBytes,
      e.appLogBytes,
    ]),
    1,
  );
  console.log(`   ${results.transactionCalibration}`);
  const create = results.endpoints.find((e) => e.request === 'POST /tasks');
  const put = projections[0]?.rows[0]?.total;
  if (create && put !== undefined) {
    console.log(
      `   check: a create's writes standalone are ${put} (task and its index entries, 6b) + 1 (counters) = ${put + 1} units; ` +
        `AWS's rule gives 2 × ${put + 1} = ${2 * (put + 1)}; the table above has ${create.dynamo.writeUnits}. ` +
        `If AWS did not double the index entries, a create would be 2 × 2 + ${put - 1} = ${4 + put - 1}.`,
    );
  }
  printTable(
    `6. Cost per million requests on AWS, USD (us-east-1 on demand, bench/prices.ts). Assumed: X-Ray sampling ${(traceSampleRate() * 100).toFixed(0)} % (the environment's rule), ` +
      `authorizer cache miss ${(a.authorizerMissRate * 100).toFixed(0)} %, cold starts ${(a.coldStartRate * 100).toFixed(0)} %, ` +
      `${a.environment}'s functions on arm64 (${memoryNote()}), DynamoDB ${a.dynamoMs.single.join('–')} ms a request (${a.dynamoMs.transaction.join('–')} ms a transaction)`,
    [
      'request',
      'API Gateway',
      'Lambda requests',
      'Lambda duration (billed ms)',
      'cold starts',
      'authorizer share',
      'DynamoDB',
      'CloudWatch Logs',
      'X-Ray',
      'data out',
      'WAF',
      'total',
      'largest',
    ],
    results.costs.map((c) => {
      const parts: [string, number][] = [
        ['API Gateway', c.apiGateway],
        ['Lambda', c.lambdaRequests + c.lambdaDuration[1]],
        ['DynamoDB', c.dynamodb],
        ['Logs', c.logs],
        ['X-Ray', c.xray],
        ['data out', c.dataOut],
        ['WAF', c.waf],
      ];
      const [largest] = parts.sort((x, y) => y[1] - x[1])[0]!;
      return [
        c.request,
        dollars(c.apiGateway),
        dollars(c.lambdaRequests),
        `${dollarRange(c.lambdaDuration)} (${c.billedMs.join('–')} ms)`,
        dollarRange(c.coldStarts),
        dollarRange(c.authorizer),
        dollars(c.dynamodb),
        dollars(c.logs),
        dollars(c.xray),
        dollars(c.dataOut),
        dollars(c.waf),
        dollarRange(c.total),
        largest,
      ];
    }),
  );
  console.log(
    `   per request, besides the function's own lines: access log (example) ${results.logLines.accessLogExample.length} B, ` +
      `Lambda START/END/REPORT ${results.logLines.platformBytes} B (authorizer: the same on each cache miss)`,
  );

  const operations = projections[0]?.rows.map((row) => row.operation) ?? [];
  const byProjection = (projection: ProjectionResult, operation: string) =>
    projection.rows.find((row) => row.operation === operation);
  printTable(
    '6b. Standalone units by LSI projection (DynamoDB Local, ReturnConsumedCapacity INDEXES): total (table + indexes); a transaction doubles them',
    ['operation', ...projections.map((p) => p.projection)],
    operations.map((operation) => [
      operation,
      ...projections.map((projection) => {
        const row = byProjection(projection, operation);
        if (!row) return '—';
        const indexes = Object.values(row.indexes).reduce((sum, units) => sum + units, 0);
        return `${row.total} (${row.table} + ${indexes})`;
      }),
    ]),
    1,
  );
}
