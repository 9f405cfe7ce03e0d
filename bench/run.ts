/**
 * `npm run bench`: starts its own in-memory DynamoDB Local, creates the tables, and measures in one run
 * (so ratios are side by side) round trips per request, handler overhead, listing cost over 10 000
 * tasks, idempotent create, bundle sizes/import times against the floors, cost per request, and what
 * logs, metrics and traces cost a cold start. See docs/PERFORMANCE.md.
 *
 *   --against <git ref>   section 7 also builds every function from that commit: before/after in one run
 *   --only cold-start     sections 5 (without 5b) and 7 alone (no seeding); --runs <n> sets their rounds (default 9)
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { startBenchEnvironment } from './environment';

/** `--name value` from the command line. */
function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** The commit measured, and whether the working tree differed from it. */
function revision(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}

async function main(): Promise<void> {
  const meta = {
    command:
      process.env.npm_lifecycle_event === 'bench'
        ? `npm run bench (${process.env.npm_lifecycle_script})`
        : process.argv.join(' '),
    date: new Date().toISOString(),
    revision: revision(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: availableParallelism(),
    platform: `${process.platform} ${process.arch}`,
  };
  console.log(`command: ${meta.command}`);
  console.log(`date:    ${meta.date}`);
  console.log(`commit:  ${meta.revision}`);
  console.log(`node:    ${meta.node} (${meta.platform})`);
  console.log(`cpu:     ${meta.cpu} × ${meta.cpus}`);

  const against = option('against');
  const environment = await startBenchEnvironment();
  console.log(`db:      DynamoDB Local (in memory) at ${environment.endpoint}`);
  try {
    // Imported only now: the functions read their environment when first loaded.
    if (option('only') === 'cold-start') {
      const { runColdStartOnly } = await import('./suite');
      const runs = option('runs');
      await runColdStartOnly(meta, environment.functionEnv, {
        against,
        ...(runs ? { runs: Number(runs) } : {}),
      });
      return;
    }
    const { runSuite } = await import('./suite');
    await runSuite({ ...meta, dynamodb: 'DynamoDB Local (in memory)' }, environment.functionEnv, { against });
  } finally {
    await environment.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
