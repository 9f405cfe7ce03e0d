/**
 * `npm run smoke -- --url <stage root> --api-key <key>`: the post-deploy smoke test. Walks one stage of a
 * running API the way a client would (register a throwaway user, log in, create with an Idempotency-Key
 * and replay it, read with ETag and revalidate, list page by page, patch with If-Match, delete, a bad
 * request's problem+json), prints one line per check, stops at the first failure, cleans up the tasks it
 * created, and exits 0 (passed), 1 (a check failed) or 2 (bad usage). Every request is bounded, and so is
 * the whole run: a dead URL fails within seconds, never hangs.
 */
import { parseArgs } from 'node:util';
import { runSmoke } from '../lib/smoke/run';

const HELP = `Usage: npm run smoke -- --url <stage root> --api-key <key> [options]

Checks a running Task API stage end to end and cleans up after itself.

  --url <url>          the stage root, e.g. http://127.0.0.1:3000/v2 (npm start) or the V2Url
                       output of a deployed stack; v1 and v2 roots both work  [env SMOKE_URL]
  --api-key <key>      an API key of the stage (local: local-dev-key; deployed: see
                       docs/DEPLOYMENT.md, "Reading an API key")             [env SMOKE_API_KEY]
  --timeout <seconds>  bound on each request (default 10)
  --deadline <seconds> bound on the whole run (default 120)
  --header "Name: value"
                       an extra header on every request (repeatable)
  --help               this text

Exit status: 0 every check passed, 1 a check failed (the last line says which and why), 2 bad usage.
The throwaway user (smoke-<time>-<random>@example.com) stays: the API has no account deletion.`;

function usage(message: string): never {
  console.error(`${message}\n\n${HELP}`);
  process.exit(2);
}

function seconds(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    usage(`--${name} must be a positive number of seconds, got "${raw}"`);
  return value;
}

function headers(raw: string[] | undefined): Record<string, string> {
  const parsed: Record<string, string> = {};
  for (const header of raw ?? []) {
    const colon = header.indexOf(':');
    if (colon <= 0) usage(`--header must be "Name: value", got "${header}"`);
    parsed[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
  }
  return parsed;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        url: { type: 'string' },
        'api-key': { type: 'string' },
        timeout: { type: 'string' },
        deadline: { type: 'string' },
        header: { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  if (parsed.help) {
    console.log(HELP);
    return 0;
  }
  const url = parsed.url ?? process.env.SMOKE_URL;
  const apiKey = parsed['api-key'] ?? process.env.SMOKE_API_KEY;
  if (!url) usage('Missing --url.');
  if (!/^https?:\/\/[^/]+/.test(url)) usage(`--url must be an http(s) URL, got "${url}"`);
  if (!apiKey) usage('Missing --api-key.');

  const report = await runSmoke(
    {
      url,
      apiKey,
      timeoutSeconds: seconds('timeout', parsed.timeout, 10),
      deadlineSeconds: seconds('deadline', parsed.deadline, 120),
      headers: headers(parsed.header),
    },
    (line) => console.log(line),
  );
  // In GitHub Actions the failure also becomes an annotation on the run's summary page.
  if (!report.passed && report.failure && process.env.GITHUB_ACTIONS === 'true')
    console.log(`::error title=Smoke test failed (${report.failure.check})::${report.failure.message}`);
  return report.passed ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
