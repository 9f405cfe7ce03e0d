import type { DynamoMeter } from './dynamo-meter';

/** What every benchmark section shares. */
export interface BenchContext {
  meter: DynamoMeter;
  /** The functions' environment (bundles are started with it). */
  functionEnv: Record<string, string>;
  /** A registered user holding the seeded tasks; `token` is their access token from the login handler. */
  listUserId: string;
  token: string;
  /** How many tasks `listUserId` holds. */
  seededTasks: number;
  /** A second user for writes, so the listing user's partition stays exactly as seeded. */
  writerUserId: string;
}
