/**
 * `npm run seed`: a demo user and demo tasks, through the client like any user of the API, safe to
 * run again. Idempotency keys (`seed-<user id>-<n>`) make every create happen once even when a run is
 * interrupted, retried or run twice at once; the API keeps keys 24 hours, so a run also lists the
 * user's demo tasks first and skips those already there (by their unique title), which keeps later runs
 * from duplicating them too.
 */
import {
  ConnectionError,
  ProblemError,
  TaskApi,
  type ClientOptions,
  type TaskApi as Api,
} from '../../client/src/index.ts';
import { DEMO_TAG, demoTask, demoTitle } from './demo-tasks';
import { progress, type ProgressStream } from './progress';
import { parseSeedArguments, SEED_USAGE, type SeedOptions } from './seed-arguments';

export interface SeedIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
  env: NodeJS.ProcessEnv;
  /** Extra client options (tests send their own source IP header). */
  client?: Partial<ClientOptions>;
}

/** A failure to report in one line, with the exit status it deserves. */
class SeedFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const CONCURRENCY = 4;

/** Quotes a value for a POSIX shell. */
const shellQuote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

/** Runs the command; returns the exit status. */
export async function runSeed(argv: readonly string[], io: SeedIo): Promise<number> {
  const parsed = parseSeedArguments(argv, io.env);
  if (parsed.kind === 'help') {
    io.stdout.write(SEED_USAGE);
    return 0;
  }
  if (parsed.kind === 'invalid') {
    io.stderr.write(`seed: ${parsed.message}\nRun "npm run seed -- --help" for usage.\n`);
    return 2;
  }
  try {
    await seed(parsed.options, io);
    return 0;
  } catch (error) {
    if (error instanceof SeedFailure) {
      io.stderr.write(`seed: ${error.message}\n`);
      return error.exitCode;
    }
    const detail =
      error instanceof ProblemError ? `${error.message} (request id ${error.requestId})` : String(error);
    io.stderr.write(`seed: ${detail}\n`);
    return 1;
  }
}

async function seed(options: SeedOptions, io: SeedIo): Promise<void> {
  const api = new TaskApi({ baseUrl: options.url, apiKey: options.apiKey, ...io.client });
  await checkStage(api, options.url);
  const { userId, anchorDate, registered } = await signIn(api, options);

  const existing = new Set<string>();
  for await (const task of api.tasks.listAll({ tag: DEMO_TAG })) existing.add(task.title);
  const missing = Array.from({ length: options.tasks }, (_, index) => index).filter(
    (index) => !existing.has(demoTitle(index)),
  );

  const counts = { created: 0, replayed: 0 };
  const bar = progress(io.stderr, missing.length, 'Creating demo tasks');
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const index = missing[next++]!;
      const task = await api.tasks.create(demoTask(index, anchorDate), {
        idempotencyKey: `seed-${userId}-${index}`,
      });
      counts[task.lastResponse.replayed ? 'replayed' : 'created'] += 1;
      bar.tick();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, missing.length) }, worker));
  } finally {
    bar.done();
  }

  const skipped = options.tasks - missing.length;
  const query = `${options.url}/tasks?status=pending&sort_by=due_date&sort_order=asc&limit=5`;
  io.stdout.write(
    [
      `Demo user  ${options.email} (password: ${options.password}), id ${userId}${registered ? ', new' : ', reused'}`,
      `Tasks      ${counts.created} created, ${counts.replayed} replayed from an earlier run, ${skipped} already there`,
      '',
      'Try it (the access token expires in an hour; log in again for a new one):',
      `curl -s ${shellQuote(query)} -H ${shellQuote(`x-api-key: ${options.apiKey}`)} -H ${shellQuote(`Authorization: Bearer ${api.auth.token}`)}`,
      '',
    ].join('\n'),
  );
}

/** Health of the stage: reachable, and v2 (the demo data uses v2's fields). */
async function checkStage(api: Api, url: string): Promise<void> {
  let version: string;
  try {
    version = (await api.health({ maxRetries: 1 })).version;
  } catch (error) {
    if (error instanceof ConnectionError) throw new SeedFailure(`cannot reach ${url}: ${error.message}`, 1);
    if (error instanceof ProblemError && error.status === 404)
      throw new SeedFailure(
        `${url}/health is 404: --url must be a stage root, e.g. http://127.0.0.1:3000/v2`,
        2,
      );
    throw error;
  }
  if (version !== 'v2')
    throw new SeedFailure(`${url} is the ${version} stage: --url must be the v2 stage root (…/v2)`, 2);
}

/** Registers the demo user, or finds it registered; logs in. */
async function signIn(
  api: Api,
  { email, password }: SeedOptions,
): Promise<{ userId: string; anchorDate: string; registered: boolean }> {
  let registered = true;
  try {
    await api.auth.register({ email, password, name: 'Demo User' });
  } catch (error) {
    if (!(error instanceof ProblemError && error.code === 'email-taken')) throw error;
    registered = false;
  }
  try {
    await api.auth.login({ email, password });
  } catch (error) {
    if (error instanceof ProblemError && error.status === 401)
      throw new SeedFailure(
        `${email} is registered with another password: pass its --password, or another --email`,
        1,
      );
    throw error;
  }
  const me = await api.users.me();
  // Due dates are anchored on the user's creation day, so a task's body never changes between runs.
  return { userId: me.id, anchorDate: me.created_at.slice(0, 10), registered };
}
