/** `npm run seed -- --url <stage root> ...`: demo data through the client (lib/seed/seed.ts; --help). */
import { runSeed } from '../lib/seed/seed';

void runSeed(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
