import type { BundleRow } from './bundles';
import type { IdempotencyRow } from './idempotency';
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

export function printIdempotency(rows: IdempotencyRow[]): void {
  const base = rows.find((row) => row.variant.startsWith('Idempotency-Key, one'))?.latency.p50 ?? Number.NaN;
  printTable(
    '4. Idempotent create: requests per create and per replay, latency (interleaved; goal 1 and 1)',
    [
      'variant',
      'requests',
      'DynamoDB requests',
      'WCU',
      'replay requests',
      'p50',
      'p90',
      'p50 vs one-transaction',
    ],
    rows.map((r) => [
      r.variant,
      r.create.requests,
      r.create.commands,
      r.create.writeUnits,
      r.replay ? `${r.replay.requests} (${r.replay.commands})` : '—',
      `${r.latency.p50.toFixed(2)} ms`,
      `${r.latency.p90.toFixed(2)} ms`,
      (r.latency.p50 / base).toFixed(2),
    ]),
    1,
  );
}

export function printBundles(rows: BundleRow[]): void {
  const runs = (ms: number[]) => ms.map((value) => value.toFixed(0)).join(' ');
  printTable(
    '5. Bundles (esbuild: bundle, minify, tree-shake, node22, cjs, AWS SDK included); require() in a fresh node, median of runs\n' +
      '   plain = exactly those options; deploy = as lib/infra/api-function.ts builds and runs it (ESM builds first, source map, --enable-source-maps)',
    [
      'function',
      'entry',
      'plain size',
      'plain import p50',
      'deploy size',
      'deploy import p50',
      'plain runs (ms)',
      'deploy runs (ms)',
    ],
    rows.map((r) => [
      r.id,
      r.entry,
      `${r.plain.kb.toFixed(1)} KB`,
      `${r.plain.importMs.toFixed(1)} ms`,
      `${r.deploy.kb.toFixed(1)} KB`,
      `${r.deploy.importMs.toFixed(1)} ms`,
      runs(r.plain.importRuns),
      runs(r.deploy.importRuns),
    ]),
  );
}

/** `Query + Query + Query` → `3 × Query`. */
function compact(commands: string): string {
  const counts = new Map<string, number>();
  for (const command of commands.split(' + ')) counts.set(command, (counts.get(command) ?? 0) + 1);
  return [...counts].map(([command, n]) => (n > 1 ? `${n} × ${command}` : command)).join(' + ');
}
