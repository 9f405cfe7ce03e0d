import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { elapsedMs } from './stats';

/** One DynamoDB request as the meter saw it. */
export interface DynamoCall {
  /** API operation, e.g. `GetItem`, `TransactWriteItems`. */
  command: string;
  /** Consumed capacity as DynamoDB (Local) reported it; undefined for a failed request. */
  readUnits?: number;
  writeUnits?: number;
  /** Items a Query or Scan evaluated (ScannedCount) and returned (Count). */
  scanned: number;
  returned: number;
  /** HTTP attempts (1 unless the SDK retried). */
  attempts: number;
  /** Wall time of the SDK call, serialization and HTTP included. */
  ms: number;
  /** The error's name when the request failed (e.g. a cancelled transaction). */
  error?: string;
  /** Items in a transaction (TransactWriteItems / TransactGetItems). */
  items?: number;
  /**
   * A TransactWriteItems' base-table writes by AWS's size rule: each Put item's size in whole KB (at
   * least 1), each other write action 1 (an updated or deleted item's size is not in the request).
   */
  itemWriteUnits?: number;
  /** The part of the reported units that DynamoDB (Local) attributes to secondary indexes. */
  indexUnits?: number;
}

/** The DynamoDB requests a piece of work made, totalled. */
export interface CallSummary {
  /** HTTP requests (SDK retries included). */
  requests: number;
  /** e.g. `GetItem + TransactWriteItems`. */
  commands: string;
  readUnits: number;
  writeUnits: number;
  scanned: number;
  returned: number;
  dbMs: number;
  /** Requests that failed: DynamoDB reports no capacity for them, so the unit totals leave them out. */
  failed: number;
}

export interface DynamoMeter {
  /**
   * Runs `work` and returns the DynamoDB requests it made (work must not overlap another recording).
   * With `capacity` (default), each request asks DynamoDB for `ReturnConsumedCapacity: INDEXES` (the
   * total, and how much of it went to the table and to each index).
   */
  record<T>(
    work: () => Promise<T>,
    options?: { capacity?: boolean },
  ): Promise<{ result: T; calls: DynamoCall[] }>;
}

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

interface Capacity {
  CapacityUnits?: number;
  LocalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

function indexUnitsOf(consumed: Capacity | Capacity[] | undefined): number {
  return (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
    (sum, item) =>
      sum +
      [
        ...Object.values(item.LocalSecondaryIndexes ?? {}),
        ...Object.values(item.GlobalSecondaryIndexes ?? {}),
      ].reduce((indexSum, index) => indexSum + (index.CapacityUnits ?? 0), 0),
    0,
  );
}

/**
 * An item's size by DynamoDB's rule, closely enough to round to whole KB: attribute names and string
 * values in UTF-8 bytes, numbers about one byte per two digits plus one, 3 bytes per list or map plus one
 * per element (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
 */
export function itemBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(Math.abs(value)).replace('.', '').length / 2) + 1;
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (Array.isArray(value))
    return 3 + value.reduce((sum: number, element) => sum + 1 + itemBytes(element), 0);
  if (typeof value === 'object')
    return (
      3 +
      Object.entries(value as Record<string, unknown>).reduce(
        (sum, [name, element]) => sum + 1 + Buffer.byteLength(name) + itemBytes(element),
        0,
      )
    );
  return 0;
}

/** Top-level attributes only: the item itself is not a map attribute (no 3-byte overhead). */
const topLevelBytes = (item: Record<string, unknown>) =>
  Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + itemBytes(value), 0);

function itemWriteUnitsOf(actions: unknown[]): number {
  return actions.reduce((sum: number, action) => {
    const put = (action as { Put?: { Item?: Record<string, unknown> } }).Put;
    return sum + (put?.Item ? Math.max(1, Math.ceil(topLevelBytes(put.Item) / 1024)) : 1);
  }, 0);
}

function capacityUnits(consumed: Capacity | Capacity[] | undefined): number | undefined {
  if (consumed === undefined) return undefined;
  return (Array.isArray(consumed) ? consumed : [consumed]).reduce(
    (sum, item) => sum + (item.CapacityUnits ?? 0),
    0,
  );
}

/** The shape of an `initialize`-step middleware, as much of it as the meter uses. */
interface Args {
  input: unknown;
}
type Next = (args: Args) => Promise<{ output: unknown }>;

/** A client whose middleware stack the meter can join: the document client or a low-level client. */
export type MeteredClient =
  Pick<DynamoDBDocumentClient, 'middlewareStack'> | Pick<DynamoDBClient, 'middlewareStack'>;

/**
 * Counts the requests the given clients send, with a middleware at the start of each stack (the document
 * client shares the low-level client's stack, so every command the functions send passes). One recording
 * spans all of them: the functions' client and, for the peer in section 4, the client Powertools'
 * persistence layer uses. Outside a recording it does nothing.
 */
export function installDynamoMeter(...clients: MeteredClient[]): DynamoMeter {
  let active: { calls: DynamoCall[]; capacity: boolean } | undefined;
  const middleware = (next: Next, context: { commandName?: string }) => async (args: Args) => {
    const recording = active;
    if (!recording) return next(args);
    const command = (context.commandName ?? 'unknown').replace(/Command$/, '');
    const input = args.input as Record<string, unknown>;
    const items = Array.isArray(input.TransactItems)
      ? {
          items: input.TransactItems.length,
          itemWriteUnits: itemWriteUnitsOf(input.TransactItems as unknown[]),
        }
      : {};
    const sent = recording.capacity
      ? { ...args, input: { ...input, ReturnConsumedCapacity: 'INDEXES' } }
      : args;
    const start = process.hrtime.bigint();
    try {
      const result = await next(sent);
      const output = result.output as {
        ConsumedCapacity?: Capacity | Capacity[];
        ScannedCount?: number;
        Count?: number;
        $metadata?: { attempts?: number };
      };
      const units = capacityUnits(output.ConsumedCapacity);
      recording.calls.push({
        command,
        ...items,
        ...(recording.capacity ? { indexUnits: indexUnitsOf(output.ConsumedCapacity) } : {}),
        ...(READS.has(command)
          ? { readUnits: units ?? 0, writeUnits: 0 }
          : { readUnits: 0, writeUnits: units ?? 0 }),
        scanned: output.ScannedCount ?? 0,
        returned: output.Count ?? 0,
        attempts: output.$metadata?.attempts ?? 1,
        ms: elapsedMs(start),
      });
      return result;
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      const attempts = (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
      recording.calls.push({
        command,
        ...items,
        scanned: 0,
        returned: 0,
        attempts,
        ms: elapsedMs(start),
        error: name,
      });
      throw error;
    }
  };
  for (const client of clients) {
    (client.middlewareStack as unknown as { add: (m: typeof middleware, o: object) => void }).add(
      middleware,
      {
        step: 'initialize',
        name: 'benchDynamoMeter',
        priority: 'high',
      },
    );
  }
  return {
    async record(work, options = {}) {
      if (active) throw new Error('DynamoMeter recordings must not overlap');
      const recording = { calls: [] as DynamoCall[], capacity: options.capacity ?? true };
      active = recording;
      try {
        const result = await work();
        return { result, calls: recording.calls };
      } finally {
        active = undefined;
      }
    },
  };
}

/** Totals of a list of calls; a failed call counts as a request, its (unreported) capacity as 0. */
export function summarizeCalls(calls: readonly DynamoCall[]): CallSummary {
  const sum = (pick: (call: DynamoCall) => number) => calls.reduce((total, call) => total + pick(call), 0);
  return {
    requests: sum((call) => call.attempts),
    commands: calls.map((call) => call.command + (call.error ? ` (${call.error})` : '')).join(' + ') || '—',
    readUnits: sum((call) => call.readUnits ?? 0),
    writeUnits: sum((call) => call.writeUnits ?? 0),
    scanned: sum((call) => call.scanned),
    returned: sum((call) => call.returned),
    dbMs: sum((call) => call.ms),
    failed: calls.filter((call) => call.error !== undefined).length,
  };
}
