/**
 * The TypeScript examples of README.md and client/README.md run as written (only the stage root and the
 * package's location swapped in) against the local gateway, as the demo user `npm run seed` makes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runSeed } from '../../lib/seed/seed';
import { useClientGateway } from './support/client-fixtures';

const root = join(__dirname, '..', '..');
const gateway = useClientGateway();

/** The first ```ts block after `heading` in a markdown file. */
function example(file: string, heading: string): string {
  const text = readFileSync(join(root, file), 'utf8');
  const section = text.slice(text.indexOf(heading));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error(`no ts example after "${heading}" in ${file}`);
  return match[1]!;
}

describe('the README examples', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'readme-example-'));
    const quiet = { write: () => true };
    const code = await runSeed(['--url', `${gateway.url}/v2`, '--tasks', '3'], {
      stdout: quiet,
      stderr: quiet,
      env: {},
    });
    if (code !== 0) throw new Error(`seeding the demo user failed with ${code}`);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.each([
    ['README.md', '## Use from TypeScript'],
    ['client/README.md', '## Example'],
  ])('%s, "%s", runs and reaches every call', async (file, heading) => {
    // Prepare
    const source = example(file, heading)
      .replaceAll('http://127.0.0.1:3000/v2', `${gateway.url}/v2`)
      .replace("from '@task-api/client'", `from ${JSON.stringify(join(root, 'client', 'src', 'index.ts'))}`);
    const script = join(scratch, `${file.replace(/\W/g, '-')}.mts`);
    writeFileSync(script, source);

    // Act: in a child process (top-level await, as users write it), asynchronously: the gateway is here.
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script],
      { cwd: root, encoding: 'utf8' },
    );

    // Assert: the demo tasks (and the new one) are listed; the missing task is a typed 404.
    expect(stdout).toContain('Write the report');
    expect(stderr).toMatch(/^404 not-found [0-9a-f-]{36}\n$/m);
  });
});
