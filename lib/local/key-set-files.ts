/**
 * The local stand-in for the two key-set secrets: `.data/token-keys.json` and `.data/cursor-keys.json`,
 * created on first run (fresh random keys, mode 0600) and kept, so tokens and cursors survive a restart.
 * The functions read them through `TOKEN_KEYS_FILE` / `CURSOR_KEYS_FILE` and re-read them after their cache
 * time, so `npm run rotate-keys` rotates the keys of a running server as Secrets Manager rotation does.
 * Never in the repository (`.data/` is git-ignored).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  newKeySet,
  parseKeySet,
  rotateKeySet,
  serializeKeySet,
  type KeySet,
} from '../../functions/shared/auth/key-set';
import type { KeySetName } from '../../functions/shared/auth/key-source';

const FILES: Record<KeySetName, { file: string; variable: string }> = {
  token: { file: 'token-keys.json', variable: 'TOKEN_KEYS_FILE' },
  cursor: { file: 'cursor-keys.json', variable: 'CURSOR_KEYS_FILE' },
};

/** Creates the key-set file if missing (never overwrites one: another process may have just made it). */
function ensure(path: string): void {
  try {
    writeFileSync(path, `${serializeKeySet(newKeySet())}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** The key-set files under `dataDir` (created when missing), as the variables the functions read. */
export function localKeySetFiles(dataDir: string): Record<string, string> {
  mkdirSync(dataDir, { recursive: true });
  return Object.fromEntries(
    Object.values(FILES).map(({ file, variable }) => {
      const path = join(dataDir, file);
      ensure(path);
      return [variable, path];
    }),
  );
}

/** Rotates one local key set in place (write then rename, so a reader never sees half a file). */
export function rotateLocalKeySet(dataDir: string, name: KeySetName): KeySet {
  const path = join(dataDir, FILES[name].file);
  const rotated = rotateKeySet(parseKeySet(readFileSync(path, 'utf8')));
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${serializeKeySet(rotated)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
  return rotated;
}
