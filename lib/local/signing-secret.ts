/**
 * The local signing secret (JWTs, cursor HMAC): `$SIGNING_SECRET` when set, otherwise `.data/signing-secret`,
 * created on first run with 48 random bytes (base64url) and mode 0600. Never in the repository (`.data/`
 * is git-ignored), and stable across runs so tokens and cursors survive a restart.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function localSigningSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.SIGNING_SECRET) return env.SIGNING_SECRET;
  const file = join(dataDir, 'signing-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another process created it between our read and write: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}
