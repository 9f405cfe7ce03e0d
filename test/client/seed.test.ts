/**
 * `npm run seed`: demo data through the client against the local gateway — run in-process for the
 * cases, and as the real command for help, a bad argument and a full run.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { demoTask, demoTitle, MAX_DEMO_TASKS } from '../../lib/seed/demo-tasks';
import { runSeed } from '../../lib/seed/seed';
import { newClientIp, SOURCE_IP_HEADER } from '../e2e/support/http-client';
import { clientFor, FAST_RETRY, PASSWORD, useClientGateway } from './support/client-fixtures';

const root = join(__dirname, '..', '..');
const gateway = useClientGateway();

/** Runs the command in-process with captured output, as a new client IP. */
async function seed(args: string[], options: { tty?: boolean } = {}) {
  const output = { stdout: '', stderr: '' };
  const stream = (name: 'stdout' | 'stderr') => ({
    isTTY: options.tty ?? false,
    columns: 80,
    write: (text: string) => (output[name] += text),
  });
  const code = await runSeed(args, {
    stdout: stream('stdout'),
    stderr: stream('stderr'),
    env: {},
    client: { headers: { [SOURCE_IP_HEADER]: newClientIp() }, retry: FAST_RETRY },
  });
  return { code, ...output };
}

/** The demo user's tasks, read through the client. */
async function demoTasksOf(email: string, password = 'task-api-demo-password') {
  const api = clientFor(gateway.url);
  await api.auth.login({ email, password });
  return api.tasks.listAll({ tag: 'demo' }).toArray();
}

const newEmail = () => `seed-${randomUUID()}@example.com`;

describe('npm run seed', () => {
  it('creates the demo user and N varied tasks, and prints credentials and a working curl line', async () => {
    // Prepare
    const email = newEmail();

    // Act
    const result = await seed(['--url', `${gateway.url}/v2`, '--tasks', '30', '--email', email]);

    // Assert
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain(`Demo user  ${email} (password: task-api-demo-password)`);
    expect(result.stdout).toContain('Tasks      30 created, 0 replayed from an earlier run, 0 already there');
    expect(result.stderr).toContain('Creating demo tasks: 30/30\n');
    expect(result.stderr).not.toContain('\r');
    const tasks = await demoTasksOf(email);
    expect(tasks).toHaveLength(30);
    expect(new Set(tasks.map((task) => task.status)).size).toBe(3);
    expect(new Set(tasks.map((task) => task.priority)).size).toBe(3);
    expect(tasks.some((task) => task.due_date === null) && tasks.some((task) => task.due_date !== null)).toBe(
      true,
    );
    expect(new Set(tasks.flatMap((task) => task.tags)).size).toBeGreaterThan(3);
    const curl = result.stdout.split('\n').find((line) => line.startsWith('curl '))!;
    const token = /Authorization: Bearer ([^']+)'/.exec(curl)![1]!;
    const [url] = /'(http[^']+)'/.exec(curl)!.slice(1);
    const response = await fetch(url!, {
      headers: { 'x-api-key': 'local-dev-key', authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
  });

  it('is safe to run again: the second run finds every task and creates none', async () => {
    // Prepare
    const email = newEmail();
    await seed(['--url', `${gateway.url}/v2`, '--tasks', '12', '--email', email]);

    // Act
    const again = await seed(['--url', `${gateway.url}/v2`, '--tasks', '12', '--email', email]);

    // Assert
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(', reused');
    expect(again.stdout).toContain('0 created, 0 replayed from an earlier run, 12 already there');
    expect(await demoTasksOf(email)).toHaveLength(12);
  });

  it('creates each task once when two runs race: the idempotency keys hold', async () => {
    // Prepare
    const email = newEmail();
    const args = ['--url', `${gateway.url}/v2`, '--tasks', '20', '--email', email];

    // Act
    const runs = await Promise.all([seed(args), seed(args)]);

    // Assert
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    const tasks = await demoTasksOf(email);
    expect(tasks).toHaveLength(20);
    expect(new Set(tasks.map((task) => task.title)).size).toBe(20);
  });

  it('draws a progress bar in place on a terminal', async () => {
    // Act
    const result = await seed(['--url', `${gateway.url}/v2`, '--tasks', '3', '--email', newEmail()], {
      tty: true,
    });

    // Assert
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('\rCreating demo tasks [');
    expect(result.stderr).toMatch(/\[#+\] 3\/3\n$/);
  });

  it('reuses a demo user registered with another password only when given that password', async () => {
    // Prepare
    const email = newEmail();
    const api = clientFor(gateway.url);
    await api.auth.register({ email, password: PASSWORD });

    // Act
    const wrong = await seed(['--url', `${gateway.url}/v2`, '--tasks', '1', '--email', email]);
    const right = await seed([
      '--url',
      `${gateway.url}/v2`,
      '--tasks',
      '1',
      '--email',
      email,
      '--password',
      PASSWORD,
    ]);

    // Assert
    expect(wrong).toMatchObject({ code: 1 });
    expect(wrong.stderr).toContain(`${email} is registered with another password`);
    expect(right.code).toBe(0);
    expect(await demoTasksOf(email, PASSWORD)).toHaveLength(1);
  });

  it.each([
    [[], '--url is required'],
    [['--url', 'not a url'], '--url must be a URL'],
    [['--url', 'ftp://example.com/v2'], '--url must be an http or https URL'],
    [
      ['--url', 'http://127.0.0.1:1/v2', '--tasks', '0'],
      '--tasks must be a whole number from 1 to 1000, got "0"',
    ],
    [['--url', 'http://127.0.0.1:1/v2', '--tasks', '1001'], '--tasks must be a whole number from 1 to 1000'],
    [['--url', 'http://127.0.0.1:1/v2', '--tasks', '2.5'], '--tasks must be a whole number'],
    [['--url', 'http://127.0.0.1:1/v2', '--email', 'nobody'], '--email must be an email address'],
    [['--url', 'http://127.0.0.1:1/v2', '--password', 'short'], '--password must be 8 to 128 characters'],
    [['--url', 'http://127.0.0.1:1/v2', '--tasks'], "Option '--tasks <value>' argument missing"],
    [['--url', 'http://127.0.0.1:1/v2', '--colour'], "Unknown option '--colour'"],
    [['--url', 'http://127.0.0.1:1/v2', 'extra'], "Unexpected argument 'extra'"],
  ])('rejects %j with a clear message and exit status 2', async (args, message) => {
    // Act
    const result = await seed(args);

    // Assert
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`seed: ${message}`);
    expect(result.stderr).toContain('npm run seed -- --help');
  });

  it('rejects a URL that is not the v2 stage root', async () => {
    // Act
    const v1 = await seed(['--url', `${gateway.url}/v1`]);
    const origin = await seed(['--url', gateway.url]);

    // Assert
    expect(v1).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is the v1 stage: --url must be the v2 stage root'),
    });
    expect(origin).toMatchObject({ code: 2, stderr: expect.stringContaining('--url must be a stage root') });
  });

  it('says so when the API cannot be reached', async () => {
    // Act
    const result = await seed(['--url', 'http://127.0.0.1:1/v2']);

    // Assert
    expect(result).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('seed: cannot reach http://127.0.0.1:1/v2'),
    });
  });

  it('as the real command: --help documents it, a bad argument exits 2, a run exits 0', async () => {
    // Prepare
    const run = (...args: string[]) =>
      promisify(execFile)(
        process.execPath,
        [join(root, 'node_modules/tsx/dist/cli.mjs'), 'bin/seed.ts', ...args],
        {
          cwd: root,
          encoding: 'utf8',
        },
      ).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );

    // Act
    const [help, bad, real] = await Promise.all([
      run('--help'),
      run('--tasks', 'many'),
      run('--url', `${gateway.url}/v2`, '--tasks', '2', '--email', newEmail()),
    ]);

    // Assert
    expect(help).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Usage: npm run seed -- --url <stage root>'),
    });
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('seed: --url is required') });
    expect(real).toMatchObject({ code: 0, stdout: expect.stringContaining('2 created') });
    expect(real.stderr).toContain('Creating demo tasks: 2/2');
  });
});

describe('demo tasks', () => {
  it('have a unique title per number up to the maximum, and the same body every time', () => {
    const titles = new Set(Array.from({ length: MAX_DEMO_TASKS }, (_, index) => demoTitle(index)));
    expect(titles.size).toBe(MAX_DEMO_TASKS);
    expect(demoTask(7, '2030-01-01')).toEqual(demoTask(7, '2030-01-01'));
  });
});
