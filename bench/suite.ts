import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { measureBundles } from './bundles';
import { measureColdStart, printColdStart } from './cold-start';
import { measureCost } from './cost';
import { prepareFixtures } from './fixtures';
import { measureIdempotency } from './idempotency';
import { measureProjections } from './index-projections';
import { measureListing } from './listing';
import { measureLogin, printLogin } from './login';
import { measureOverhead } from './overhead';
import {
  printBundles,
  printCost,
  printIdempotency,
  printListing,
  printOverhead,
  printRoundTrips,
} from './report';
import { measureRoundTrips } from './round-trips';
import { elapsedMs } from './stats';

/** How many tasks the listing user holds. */
const SEEDED_TASKS = 10_000;

/**
 * Runs every section in one process against one DynamoDB Local, prints each table as soon as it is
 * measured, and writes everything to `.bench/results.json`. Import only after the environment is set.
 */
export async function runSuite(
  meta: Record<string, unknown>,
  functionEnv: Record<string, string>,
  options: { against?: string } = {},
): Promise<void> {
  const progress = (message: string) => process.stderr.write(`… ${message}\n`);
  const started = process.hrtime.bigint();

  progress(`registering a user and seeding ${SEEDED_TASKS} tasks`);
  const { context, authRows, seedMs } = await prepareFixtures(functionEnv, SEEDED_TASKS);
  console.log(
    `\nseeded ${SEEDED_TASKS.toLocaleString('en-US')} tasks for one user in ${(seedMs / 1000).toFixed(1)} s (BatchWriteItem)`,
  );

  progress('1/7 round trips');
  const roundTrips = await measureRoundTrips(context, authRows);
  printRoundTrips(roundTrips);

  progress('2/7 handler overhead');
  const overhead = await measureOverhead(context);
  printOverhead(overhead);
  const login = await measureLogin();
  printLogin(login);

  progress('3/7 listing');
  const listing = await measureListing(context);
  printListing(listing);

  progress('4/7 idempotency');
  const idempotency = await measureIdempotency(context);
  printIdempotency(idempotency);

  progress('5/7 bundles (fresh node processes: a few minutes)');
  const bundles = await measureBundles(functionEnv);
  printBundles(bundles);

  progress('6/7 cost per request');
  const cost = await measureCost(context, new Map(bundles.rows.map((row) => [row.id, row.importCpuMs])));
  const projections = await measureProjections(functionEnv.DYNAMODB_ENDPOINT ?? '', `bench-${process.pid}`);
  printCost(cost, projections);

  progress(
    `7/7 observability's cold-start cost${options.against ? ` (and against ${options.against})` : ''}`,
  );
  const coldStart = await measureColdStart(functionEnv, options);
  printColdStart(coldStart);

  const totalSeconds = elapsedMs(started) / 1000;
  const file = resolve(__dirname, '..', '.bench', 'results.json');
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ meta: { ...meta, seedMs, totalSeconds }, roundTrips, overhead, login, listing, idempotency, bundles, cost, projections, coldStart }, null, 2)}\n`,
  );
  console.log(`\nmeasured in ${totalSeconds.toFixed(0)} s; results written to .bench/results.json`);
}

/**
 * `--only cold-start` (no DynamoDB needed), written to .bench/cold-start.json: section 5 without its
 * bundling alternatives (the floors and every function's cold-import ratio, the budget's verdict), then
 * section 7.
 */
export async function runColdStartOnly(
  meta: Record<string, unknown>,
  functionEnv: Record<string, string>,
  options: { against?: string; runs?: number },
): Promise<void> {
  process.stderr.write('… every function against its floor (fresh node processes: a few minutes)\n');
  const bundles = await measureBundles(functionEnv, options.runs, { variants: false });
  printBundles(bundles);
  process.stderr.write(
    `… observability's cold-start cost${options.against ? ` (and against ${options.against})` : ''}\n`,
  );
  const coldStart = await measureColdStart(functionEnv, options);
  printColdStart(coldStart);
  const file = resolve(__dirname, '..', '.bench', 'cold-start.json');
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ meta, bundles, coldStart }, null, 2)}\n`);
  console.log('\nresults written to .bench/cold-start.json');
}
