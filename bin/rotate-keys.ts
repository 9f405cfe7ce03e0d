/**
 * `npm run rotate-keys [token|cursor]`: rotates the local key sets under `.data/` (both by default), as the
 * deployed rotation function rotates the secrets: previous ← current ← next ← new. A running `npm start`
 * picks the new keys up within its cache time (5 minutes); tokens and cursors already issued keep working.
 */
import { join } from 'node:path';
import type { KeySetName } from '../functions/shared/auth/key-source';
import { REPOSITORY_ROOT } from '../lib/local/handler-modules';
import { localKeySetFiles, rotateLocalKeySet } from '../lib/local/key-set-files';

const DATA_DIR = join(REPOSITORY_ROOT, '.data');
const names: KeySetName[] = ['token', 'cursor'];
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !names.includes(name as KeySetName));
if (unknown.length > 0) {
  console.error(`Unknown key set ${unknown.join(', ')}: use token, cursor or nothing (both)`);
  process.exit(2);
}
localKeySetFiles(DATA_DIR);
for (const name of asked.length > 0 ? (asked as KeySetName[]) : names) {
  const rotated = rotateLocalKeySet(DATA_DIR, name);
  console.log(
    `${name} keys rotated: now signing with ${rotated.current.kid}, still verifying ${rotated.previous.kid}`,
  );
}
