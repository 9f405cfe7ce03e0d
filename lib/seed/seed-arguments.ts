/** The command line of `npm run seed`: parsed strictly, every mistake named. */
import { parseArgs } from 'node:util';
import { MAX_DEMO_TASKS } from './demo-tasks';

export interface SeedOptions {
  url: string;
  apiKey: string;
  tasks: number;
  email: string;
  password: string;
}

export type ParsedSeedArguments =
  { kind: 'help' } | { kind: 'run'; options: SeedOptions } | { kind: 'invalid'; message: string };

export const DEFAULT_TASKS = 50;
export const DEFAULT_EMAIL = 'demo@example.com';
export const DEFAULT_PASSWORD = 'task-api-demo-password';
export const MAX_TASKS = Math.min(1000, MAX_DEMO_TASKS);

export const SEED_USAGE = `Usage: npm run seed -- --url <stage root> [--api-key K] [--tasks N] [--email E] [--password P]

Creates (or reuses) a demo user and N realistic demo tasks (varied statuses, priorities, due dates and
tags, all tagged "demo") through @task-api/client, then prints the credentials and a curl line to try.

Safe to run again: tasks already there are skipped, and each task's Idempotency-Key is derived from the
user and the task's number, so an interrupted or concurrent run never creates a task twice.

Options:
  --url <url>          the v2 stage root: http://127.0.0.1:3000/v2 for npm start, or the stack's V2Url
  --api-key <key>      the x-api-key to send (default: $API_KEY, else local-dev-key)
  --tasks <n>          how many demo tasks, 1..${MAX_TASKS} (default ${DEFAULT_TASKS})
  --email <email>      the demo user's email (default ${DEFAULT_EMAIL})
  --password <pw>      the demo user's password, 8..128 characters (default ${DEFAULT_PASSWORD})
  -h, --help           show this help

Exit status: 0 done, 1 the API failed or refused, 2 bad arguments.
`;

function invalid(message: string): ParsedSeedArguments {
  return { kind: 'invalid', message };
}

export function parseSeedArguments(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedSeedArguments {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        'api-key': { type: 'string' },
        tasks: { type: 'string' },
        email: { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return invalid((error as Error).message);
  }
  if (values.help) return { kind: 'help' };

  if (values.url === undefined)
    return invalid('--url is required (the v2 stage root, e.g. http://127.0.0.1:3000/v2)');
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    return invalid(`--url must be a URL, got "${values.url}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return invalid(`--url must be an http or https URL, got "${values.url}"`);

  const tasksText = values.tasks ?? String(DEFAULT_TASKS);
  const tasks = Number(tasksText);
  if (!/^\d+$/.test(tasksText) || tasks < 1 || tasks > MAX_TASKS)
    return invalid(`--tasks must be a whole number from 1 to ${MAX_TASKS}, got "${tasksText}"`);

  const email = values.email ?? DEFAULT_EMAIL;
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    return invalid(`--email must be an email address, got "${email}"`);

  const password = values.password ?? DEFAULT_PASSWORD;
  if (password.length < 8 || password.length > 128)
    return invalid('--password must be 8 to 128 characters long');

  const apiKey = values['api-key'] ?? env.API_KEY ?? 'local-dev-key';
  if (apiKey === '') return invalid('--api-key must not be empty');

  return { kind: 'run', options: { url: values.url.replace(/\/+$/, ''), apiKey, tasks, email, password } };
}
