import { randomUUID } from 'node:crypto';
import type { BenchContext } from './context';
import { summarizeCalls, type CallSummary } from './dynamo-meter';
import { handlers } from './handlers';
import { call, expectStatus, prepareCall, type ProxyHandler } from './invoke';
import { lockWriteUpdateCreate } from './lock-write-update';
import { requests } from './routes';
import { interleave, summarize, type Summary } from './stats';

/** One way of creating a task: requests per create (and per replay), and latency. */
export interface IdempotencyRow {
  variant: string;
  create: CallSummary;
  replay?: CallSummary;
  latency: Summary;
}

const BODY = { title: 'Idempotent create', priority: 'high', tags: ['work'] };

/**
 * Section 4: create without a key, with a key (one transaction: the API), and with a key the
 * lock-write-update way (3 requests), counted once each and then timed in alternation.
 */
export async function measureIdempotency(context: BenchContext, iterations = 200): Promise<IdempotencyRow[]> {
  const { meter, writerUserId: user } = context;
  const variants: [string, ProxyHandler, boolean][] = [
    ['no key (API)', handlers.createTask, false],
    ['Idempotency-Key, one transaction (API)', handlers.createTask, true],
    ['Idempotency-Key, lock-write-update (bench/)', lockWriteUpdateCreate, true],
  ];

  const counted = [];
  for (const [variant, handler, keyed] of variants) {
    const key = keyed ? randomUUID() : undefined;
    const first = await meter.record(() => call(handler, requests.createTask(user, BODY, key), 201));
    const again = key
      ? await meter.record(() => call(handler, requests.createTask(user, BODY, key), 201))
      : undefined;
    if (again && again.result.headers?.['Idempotent-Replayed'] !== 'true') {
      throw new Error(`${variant}: the repeat was not a replay`);
    }
    counted.push({
      variant,
      create: summarizeCalls(first.calls),
      ...(again ? { replay: summarizeCalls(again.calls) } : {}),
    });
  }

  const samples = await interleave(
    Object.fromEntries(
      variants.map(([variant, handler, keyed]) => [
        variant,
        () => {
          const run = prepareCall(handler, requests.createTask(user, BODY, keyed ? randomUUID() : undefined));
          return async () => expectStatus(await run(), 201);
        },
      ]),
    ),
    iterations,
    20,
  );
  return counted.map((row) => ({ ...row, latency: summarize(samples[row.variant]!) }));
}
