import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../functions/shared/data/dynamodb-client';
import type { TaskFilter } from '../functions/shared/domain/list-query-schemas';
import type { BenchContext } from './context';
import type { CallSummary } from './dynamo-meter';
import {
  listPage,
  listVariant,
  rawPageInput,
  rawPageStart,
  walkPages,
  type ListQuery,
  type PageCost,
} from './list-pages';
import { SEARCH_TERM } from './seed';
import { interleave, summarize, timed, type Summary } from './stats';

/** The cost of the first pages of one query. */
export interface PageCostRow {
  query: string;
  limit: number;
  pages: number;
  /** True when the walk reached the last page before the bound. */
  walkedToEnd: boolean;
  first: PageCost;
  /** Means per page over the pages walked. */
  mean: { requests: number; readUnits: number; scanned: number; items: number };
  maxRequests: number;
}

/** Page 1 against page `depth` of the same cursor walk, through the handler and as raw Queries. */
export interface CursorDepthResult {
  query: string;
  depth: number;
  first: Summary;
  deep: Summary;
  /** deep p50 / first p50. */
  ratio: number;
  /** The same two pages as the raw Query the handler sends: what DynamoDB (Local) itself takes. */
  rawFirst: Summary;
  rawDeep: Summary;
  rawRatio: number;
  firstCost: PageCost;
  deepCost: PageCost;
}

/** v1 offset pagination at one `skip`. */
export interface SkipRow {
  skip: number;
  latency: Summary;
  cost: PageCost;
}

/** A page that also answers a total: what counting costs on top of the page. */
export interface TotalRow {
  query: string;
  totalCount: number;
  cost: CallSummary;
}

export interface ListingResults {
  tasks: number;
  pageCosts: PageCostRow[];
  cursorDepth: CursorDepthResult[];
  skip: SkipRow[];
  totals: TotalRow[];
}

const QUERIES: [string, ListQuery][] = [
  ['no filter', {}],
  ['status=in_progress', { status: 'in_progress' }],
  [`q=${SEARCH_TERM} (1%)`, { q: SEARCH_TERM }],
];

/**
 * Section 3: listing one user's seeded partition. Per-page DynamoDB cost of unfiltered, status and `q`
 * pages; page 1 against page 100 of a cursor walk; v1 `skip` cost; totals with filters.
 */
export async function measureListing(context: BenchContext): Promise<ListingResults> {
  return {
    tasks: context.seededTasks,
    pageCosts: await measurePageCosts(context, 10),
    cursorDepth: await measureCursorDepth(context, 100, 150),
    skip: await measureSkip(context),
    totals: await measureTotals(context),
  };
}

/** Walks the first `maxPages` pages of each query at limit 10 and 100. */
async function measurePageCosts(context: BenchContext, maxPages: number): Promise<PageCostRow[]> {
  const rows: PageCostRow[] = [];
  for (const limit of [10, 100]) {
    for (const [name, filter] of QUERIES) {
      const { costs, end } = await walkPages(context, { ...filter, limit }, maxPages);
      const mean = (pick: (cost: PageCost) => number) =>
        costs.reduce((sum, cost) => sum + pick(cost), 0) / costs.length;
      rows.push({
        query: name,
        limit,
        pages: costs.length,
        walkedToEnd: end,
        first: costs[0]!,
        mean: {
          requests: mean((cost) => cost.requests),
          readUnits: mean((cost) => cost.readUnits),
          scanned: mean((cost) => cost.scanned),
          items: mean((cost) => cost.items),
        },
        maxRequests: Math.max(...costs.map((cost) => cost.requests)),
      });
    }
  }
  return rows;
}

const DEPTH_QUERIES: [string, TaskFilter][] = [
  ['no filter', {}],
  ['status=in_progress', { status: 'in_progress' }],
];

/**
 * Walks once to page `depth` (limit 10), then times page 1 and page `depth` in alternation, through the
 * handler and as the raw Query it sends.
 */
async function measureCursorDepth(context: BenchContext, depth: number, iterations: number) {
  const results: CursorDepthResult[] = [];
  const limit = 10;
  for (const [name, filter] of DEPTH_QUERIES) {
    const query = { ...filter, limit };
    const { costs, cursors } = await walkPages(context, query, depth);
    const deepCursor = cursors[depth - 1];
    if (!deepCursor || costs.length < depth) throw new Error(`${name}: fewer than ${depth} pages`);
    const deepStart = await rawPageStart(context.listUserId, filter, limit, depth);
    const raw = (start?: Record<string, unknown>) => () => {
      const input = rawPageInput(context.listUserId, filter, limit, start);
      return () => dynamo.send(new QueryCommand(input));
    };
    const samples = await interleave(
      {
        first: listVariant(context, 'v2', query),
        deep: listVariant(context, 'v2', { ...query, cursor: deepCursor }),
        rawFirst: raw(),
        rawDeep: raw(deepStart),
      },
      iterations,
      20,
    );
    const [first, deep, rawFirst, rawDeep] = [
      samples.first!,
      samples.deep!,
      samples.rawFirst!,
      samples.rawDeep!,
    ].map((values) => summarize(values)) as [Summary, Summary, Summary, Summary];
    results.push({
      query: name,
      depth,
      first,
      deep,
      ratio: deep.p50 / first.p50,
      rawFirst,
      rawDeep,
      rawRatio: rawDeep.p50 / rawFirst.p50,
      firstCost: costs[0]!,
      deepCost: costs[depth - 1]!,
    });
  }
  return results;
}

/** v1 `skip` at 0, 100, 1 000 and 10 000 (limit 10): cost once, then a few timed calls. */
async function measureSkip(context: BenchContext): Promise<SkipRow[]> {
  const rows: SkipRow[] = [];
  for (const [skip, repetitions] of [
    [0, 20],
    [100, 20],
    [1000, 10],
    [10_000, 3],
  ] as const) {
    const query = { skip, limit: 10 };
    const { cost } = await listPage(context, 'v1', query); // also the warm-up
    const latencies: number[] = [];
    for (let repetition = 0; repetition < repetitions; repetition++) {
      latencies.push((await timed(listVariant(context, 'v1', query)())).ms);
    }
    rows.push({ skip, latency: summarize(latencies), cost });
  }
  return rows;
}

/** v2 counts only on request; v1 always answers total_count, so every v1 page pays for its count. */
async function measureTotals(context: BenchContext): Promise<TotalRow[]> {
  const rows: TotalRow[] = [];
  for (const [name, stage, query] of [
    ['v2 include_total=true', 'v2', { include_total: true }],
    ['v2 include_total=true&status=in_progress', 'v2', { include_total: true, status: 'in_progress' }],
    ['v2 include_total=true&priority=high', 'v2', { include_total: true, priority: 'high' }],
    [`v2 include_total=true&q=${SEARCH_TERM}`, 'v2', { include_total: true, q: SEARCH_TERM }],
    ['v1 (no filter)', 'v1', {}],
    [`v1 q=${SEARCH_TERM}`, 'v1', { q: SEARCH_TERM }],
  ] as [string, 'v1' | 'v2', ListQuery][]) {
    const { body, cost } = await listPage(context, stage, query);
    const total = stage === 'v2' ? body.pagination?.total_count : body.total_count;
    rows.push({ query: name, totalCount: total ?? Number.NaN, cost });
  }
  return rows;
}
