import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { freePort } from '../../lib/local/dynamodb-local';
import type { RunningGateway } from '../../lib/local/gateway';
import { API_KEY, newClientIp, SOURCE_IP_HEADER, startTestGateway } from './support/http-client';
import { startTamperingProxy, type TamperingProxy } from './support/tampering-proxy';

/**
 * `npm run smoke` as a user runs it (bin/smoke.ts in its own process) against a local gateway serving the
 * real functions: it passes on both stages, and fails fast, with a message that says what broke, against
 * a dead URL, a server that never answers, a function that answers wrong, and an API broken mid-flow.
 */
const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');

interface SmokeRun {
  code: number | null;
  output: string;
  /** The lines the run printed, stdout and stderr together. */
  lines: string[];
}

/** Runs the smoke CLI to completion; each run comes from its own client IP (the per-IP register limit). */
function smoke(args: string[]): Promise<SmokeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [tsx, 'bin/smoke.ts', '--header', `${SOURCE_IP_HEADER}: ${newClientIp()}`, ...args],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GITHUB_ACTIONS: '' } },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output, lines: output.trimEnd().split('\n') }));
  });
}

const checkLines = (run: SmokeRun) => run.lines.filter((line) => /^\s+(ok|FAIL)\s+\d+\./.test(line));

let gateway: RunningGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

describe('npm run smoke against a working API', () => {
  it.each(['v2', 'v1'])(
    'passes every check on the %s stage, one ok line each, and leaves no task behind',
    async (stage) => {
      // Act
      const run = await smoke(['--url', `${gateway.url}/${stage}`, '--api-key', API_KEY]);

      // Assert
      expect({ code: run.code, tail: run.lines.at(-1) }).toEqual({
        code: 0,
        tail: expect.stringMatching(/^PASSED: 13 checks against http:\/\/127\.0\.0\.1:\d+\/v\d in [\d.]+ s$/),
      });
      const checks = checkLines(run);
      expect(checks).toHaveLength(13);
      for (const line of checks) expect(line).toMatch(/^\s+ok\s/);
      expect(run.output).toContain(stage === 'v2' ? 'pages by cursor' : 'pages by skip');
      expect(run.output).toMatch(/ok {4}cleanup: deleted 1 leftover task; the user's list is empty/);
    },
    60_000,
  );
});

describe('npm run smoke fails fast, saying why', () => {
  it('exits 1 at the first check when nothing listens at the URL', async () => {
    // Prepare
    const port = await freePort();

    // Act
    const run = await smoke(['--url', `http://127.0.0.1:${port}/v2`, '--api-key', API_KEY]);

    // Assert
    expect(run.code).toBe(1);
    expect(checkLines(run)).toEqual([
      expect.stringMatching(/FAIL\s+1\. health: .*cannot connect \(ECONNREFUSED\)/),
    ]);
    expect(run.lines.at(-1)).toMatch(/^FAILED at "health" after 0 of 13 checks/);
  }, 30_000);

  describe('against a server that accepts connections and never answers', () => {
    let blackHole: Server;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      blackHole = createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
      });
      await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => {
      for (const socket of sockets) socket.destroy();
      blackHole.close();
    });

    it('gives up after --timeout instead of hanging', async () => {
      // Prepare
      const { port } = blackHole.address() as { port: number };

      // Act
      const run = await smoke([
        '--url',
        `http://127.0.0.1:${port}/v2`,
        '--api-key',
        API_KEY,
        '--timeout',
        '1',
      ]);

      // Assert
      expect(run.code).toBe(1);
      expect(run.lines.at(-1)).toMatch(/^FAILED at "health" .*no answer within 1 s/);
    }, 30_000);
  });

  describe('against a gateway whose function answers wrong', () => {
    let broken: RunningGateway;
    beforeAll(async () => {
      // The stub GET /health returns something that is not a proxy result: the gateway answers 500.
      broken = await startTestGateway({ root: join(__dirname, 'fixtures', 'stub-functions') });
    });
    afterAll(() => broken.close());

    it('exits 1 and quotes what came back instead', async () => {
      // Act
      const run = await smoke(['--url', `${broken.url}/v2`, '--api-key', API_KEY]);

      // Assert
      expect(run.code).toBe(1);
      expect(run.lines.at(-1)).toMatch(
        /^FAILED at "health" after 0 of 13 checks .*: expected 200, got 500: \{"type":"https:\/\/task-api.dev\/problems\/internal-error"/,
      );
    }, 30_000);
  });

  describe('against an API that breaks mid-flow (GET /tasks/{id} loses its ETag)', () => {
    let proxy: TamperingProxy;
    beforeAll(async () => {
      proxy = await startTamperingProxy(gateway.url, (request, answer) => {
        if (request.method === 'GET' && /^\/v2\/tasks\/[^/?]+$/.test(request.path))
          answer.headers.delete('etag');
      });
    });
    afterAll(() => proxy.close());

    it('stops at the read, runs nothing after it, and still deletes the task it created', async () => {
      // Act
      const run = await smoke(['--url', `${proxy.url}/v2`, '--api-key', API_KEY]);

      // Assert
      expect(run.code).toBe(1);
      const checks = checkLines(run);
      expect(checks.slice(0, 5).every((line) => /^\s+ok\s/.test(line))).toBe(true);
      expect(checks.slice(5)).toEqual([expect.stringMatching(/FAIL\s+6\. read with ETag: no etag header$/)]);
      expect(run.lines.at(-1)).toMatch(
        /^FAILED at "read with ETag" after 5 of 13 checks \([\d.]+ s\): no etag header$/,
      );
      const created = proxy.exchanges.find(
        (e) => e.method === 'POST' && e.path === '/v2/tasks' && e.status === 201,
      );
      expect(created).toBeDefined();
      const deletes = proxy.exchanges.filter((e) => e.method === 'DELETE');
      expect(deletes).toEqual([
        expect.objectContaining({ status: 204, path: expect.stringMatching(/^\/v2\/tasks\//) }),
      ]);
      expect(run.output).toMatch(/ok {4}cleanup: deleted 1 leftover task; the user's list is empty/);
    }, 60_000);
  });

  it('exits 2 with the usage when the API key is missing, and documents itself with --help', async () => {
    // Act
    const missing = await smoke(['--url', `${gateway.url}/v2`]);
    const help = await smoke(['--help']);

    // Assert
    expect(missing.code).toBe(2);
    expect(missing.output).toContain('Missing --api-key.');
    expect(help.code).toBe(0);
    expect(help.output).toMatch(/^Usage: npm run smoke -- --url <stage root> --api-key <key>/);
    for (const option of ['--url', '--api-key', '--timeout', '--deadline', '--header'])
      expect(help.output).toContain(option);
  }, 30_000);
});
