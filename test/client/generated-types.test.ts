import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const generator = join(root, 'client', 'scripts', 'generate-types.ts');

/** `generate-types.ts --check`, in its own process (openapi-typescript is ESM-only). */
const checkTypes = (...args: string[]) =>
  spawnSync(process.execPath, [tsx, generator, '--check', ...args], { cwd: root, encoding: 'utf8' });

describe("the client's generated types", () => {
  it('client/src/generated/*.ts are what `npm run openapi` generates from docs/openapi-*.json now', () => {
    const result = checkTypes();
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('the check fails, naming the file, when a generated file is stale', () => {
    // Prepare: a copy of the documents and the generated types, one of them edited.
    const copy = mkdtempSync(join(tmpdir(), 'client-types-'));
    try {
      cpSync(join(root, 'docs'), join(copy, 'docs'), { recursive: true });
      cpSync(join(root, 'client', 'src', 'generated'), join(copy, 'client', 'src', 'generated'), {
        recursive: true,
      });
      appendFileSync(join(copy, 'client', 'src', 'generated', 'openapi-v1.ts'), '// edited by hand\n');

      // Act
      const result = checkTypes('--root', copy);

      // Assert
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe('client/src/generated/openapi-v1.ts is stale: run `npm run openapi`');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
