import { randomUUID } from 'node:crypto';
import { dynamo } from '../functions/shared/data/dynamodb-client';
import type { BenchContext } from './context';
import { installDynamoMeter, summarizeCalls } from './dynamo-meter';
import { handlers } from './handlers';
import { powertoolsClient } from './peer/powertools-setup';
import { bodyOf, call } from './invoke';
import type { RoundTripRow } from './round-trips';
import { requests } from './routes';
import { seedTasks } from './seed';
import { elapsedMs } from './stats';

/**
 * Registers and logs in a user through the real handlers (counting their DynamoDB requests), seeds
 * `tasks` tasks into that user's partition, and installs the request meter on the functions' client
 * (and on the client of the Powertools peer).
 */
export async function prepareFixtures(
  functionEnv: Record<string, string>,
  tasks: number,
): Promise<{ context: BenchContext; authRows: RoundTripRow[]; seedMs: number }> {
  // The functions' client and the one Powertools' persistence layer uses (the peer of section 4).
  const meter = installDynamoMeter(dynamo, powertoolsClient);
  const email = `bench-${randomUUID()}@example.com`;
  const password = 'bench-password-123';
  const authRows: RoundTripRow[] = [];

  const registered = await meter.record(() =>
    call(handlers.register, requests.register(email, password), 201),
  );
  authRows.push({
    request: 'POST /auth/register',
    note: 'per-IP rate-limit UpdateItem + user/email transaction',
    ...summarizeCalls(registered.calls),
  });
  const loggedIn = await meter.record(() => call(handlers.login, requests.login(email, password), 200));
  authRows.push({
    request: 'POST /auth/login',
    note: 'per-IP rate-limit UpdateItem + email GetItem',
    ...summarizeCalls(loggedIn.calls),
  });

  const listUserId = bodyOf<{ id: string }>(registered.result).id;
  const token = bodyOf<{ access_token: string }>(loggedIn.result).access_token;
  const start = process.hrtime.bigint();
  await seedTasks(listUserId, tasks);
  const seedMs = elapsedMs(start);

  return {
    context: {
      meter,
      functionEnv,
      listUserId,
      token,
      seededTasks: tasks,
      writerUserId: `bench-writer-${randomUUID()}`,
    },
    authRows,
    seedMs,
  };
}
