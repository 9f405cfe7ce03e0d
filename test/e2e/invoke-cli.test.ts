import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** `npm run invoke -- <FunctionId> <event.json>`: the `sam local invoke` equivalent, against DynamoDB Local. */
const root = join(__dirname, '..', '..');
const run = promisify(execFile);

const invoke = async (functionId: string) => {
  const { stdout } = await run(
    process.execPath,
    [
      join(root, 'node_modules/tsx/dist/cli.mjs'),
      'bin/invoke.ts',
      functionId,
      `test/events/${functionId}.json`,
    ],
    {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent' },
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout) as { statusCode: number; body: string; headers: Record<string, string> };
};

it.each([
  ['Health', 200],
  ['CreateTask', 201],
  ['ListTasks', 200],
  ['GetTask', 404],
])(
  'runs the %s function on its sample event and prints its result (%i)',
  async (functionId, status) => {
    const result = await invoke(functionId);
    expect(result.statusCode).toBe(status);
    expect(result.headers['X-Request-Id']).toBeDefined();
  },
  90_000,
);
