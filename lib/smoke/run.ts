/**
 * Runs the smoke scenario against one stage root: one line per check, stops at the first failure, always
 * cleans up, and never takes longer than its deadline (plus a short, bounded cleanup).
 */
import { SmokeClient, SmokeFailure } from './http';
import { SmokeScenario } from './scenario';

export interface SmokeOptions {
  /** The stage root, e.g. `http://127.0.0.1:3000/v2` or the deployed stack's `V2Url` output. */
  readonly url: string;
  readonly apiKey: string;
  /** Each request's own bound. */
  readonly timeoutSeconds: number;
  /** The whole run's bound (checks; cleanup has its own, of two request timeouts). */
  readonly deadlineSeconds: number;
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SmokeReport {
  readonly passed: boolean;
  /** Checks that held. */
  readonly succeeded: number;
  readonly total: number;
  /** The check that failed and why (absent when the run passed). */
  readonly failure?: { readonly check: string; readonly message: string };
}

/** Prints lines through `print`; resolves to the report (it never rejects for a failed check). */
export async function runSmoke(options: SmokeOptions, print: (line: string) => void): Promise<SmokeReport> {
  const started = performance.now();
  const client = (deadlineSeconds: number) =>
    new SmokeClient({
      root: options.url,
      apiKey: options.apiKey,
      timeoutMs: options.timeoutSeconds * 1000,
      deadline: AbortSignal.timeout(deadlineSeconds * 1000),
      deadlineSeconds,
      headers: options.headers,
    });
  const http = client(options.deadlineSeconds);
  const scenario = new SmokeScenario(http);
  const checks = scenario.checks();
  print(
    `Smoke test of ${http.root} (each request ≤ ${options.timeoutSeconds} s, the run ≤ ${options.deadlineSeconds} s)`,
  );

  let succeeded = 0;
  let failure: SmokeReport['failure'];
  for (const [index, check] of checks.entries()) {
    const label = `${String(index + 1).padStart(2)}. ${check.name}`;
    const checkStarted = performance.now();
    try {
      const detail = await check.run();
      print(`  ok    ${label}: ${detail} (${elapsedMs(checkStarted)} ms)`);
      succeeded++;
    } catch (error) {
      failure = { check: check.name, message: messageOf(error) };
      print(`  FAIL  ${label}: ${failure.message}`);
      break;
    }
  }

  try {
    const detail = await scenario.cleanup(client(options.timeoutSeconds * 2));
    if (detail !== undefined) print(`  ok    cleanup: ${detail}`);
  } catch (error) {
    print(`  FAIL  cleanup: ${messageOf(error)}`);
    failure ??= { check: 'cleanup', message: messageOf(error) };
  }
  if (scenario.registered)
    print(`  note  the throwaway user ${scenario.email} stays (the API has no account deletion)`);

  const seconds = (elapsedMs(started) / 1000).toFixed(1);
  if (failure) {
    print(
      `FAILED at "${failure.check}" after ${succeeded} of ${checks.length} checks (${seconds} s): ${failure.message}`,
    );
    return { passed: false, succeeded, total: checks.length, failure };
  }
  print(`PASSED: ${checks.length} checks against ${http.root} in ${seconds} s`);
  return { passed: true, succeeded, total: checks.length };
}

function elapsedMs(since: number): number {
  return Math.round(performance.now() - since);
}

/** A failed check's message; anything other than a SmokeFailure is a bug of the smoke test itself. */
function messageOf(error: unknown): string {
  if (error instanceof SmokeFailure) return error.message;
  return `unexpected error in the smoke test: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
