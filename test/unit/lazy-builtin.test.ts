import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions } from '../../lib/config/bundling';

const root = join(__dirname, '..', '..');

/** A module importing `node:stream/web` as middy core does, bundled with the deployed options. */
const FIXTURE = `
import { ReadableStream } from 'node:stream/web';
import * as web from 'node:stream/web';
export const streamClasses = () => [ReadableStream, web.WritableStream];
`;

/** Requires the bundle in a fresh node; reports whether the built-in was loaded before and after use. */
const PROBE = `
const loaded = () => process.moduleLoadList.includes('NativeModule stream/web');
const bundle = require(process.argv[2]);
const atImport = loaded();
const [readable, writable] = bundle.streamClasses();
const real = require('node:stream/web');
process.stdout.write(JSON.stringify({
  atImport,
  afterUse: loaded(),
  sameClasses: readable === real.ReadableStream && writable === real.WritableStream,
}));
`;

describe('built-ins the deployed bundles load on first use (lib/config/bundling.ts alias)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'task-api-lazy-builtin-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('node:stream/web is not loaded by importing the bundle, and is the real module once used', async () => {
    // Prepare
    const outfile = join(dir, 'index.js');
    await build({
      ...esbuildOptions(),
      stdin: { contents: FIXTURE, resolveDir: root, loader: 'ts', sourcefile: 'fixture.ts' },
      outfile,
      logLevel: 'silent',
    });

    // Act: a script file, not `node -e` (which loads some built-ins itself)
    const probe = join(dir, 'probe.js');
    writeFileSync(probe, PROBE);
    const report = JSON.parse(
      execFileSync(process.execPath, [probe, outfile], { encoding: 'utf8' }),
    ) as unknown;

    // Assert
    expect(report).toEqual({ atImport: false, afterUse: true, sameClasses: true });
  });
});
