import { randomUUID } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler as login } from '../../functions/auth/login';
import { handler as register } from '../../functions/auth/register';
import { hashPassword } from '../../functions/shared/auth/passwords';
import { useClock } from '../../functions/shared/config/clock';
import { EnvSchema } from '../../functions/shared/config/env';
import { dynamo } from '../../functions/shared/data/dynamodb-client';
import { userKeys } from '../../functions/shared/data/entities/user-entity';
import { tableName } from '../../functions/shared/data/table-names';
import { invoke, type ProxyHandler } from '../support/invoke';

/** A new client IP per request: the per-email limit holds whatever the IP (and the per-IP one never answers). */
let ipCounter = 0;
const nextIp = () => `198.51.${Math.floor(ipCounter / 250) % 250}.${(ipCounter++ % 250) + 1}`;
const newEmail = () => `guess-${randomUUID()}@example.com`;
const PASSWORD = 'the right password';

const post = (handler: unknown, resource: string, body: unknown) =>
  invoke(handler as ProxyHandler, { method: 'POST', resource, path: resource, body, sourceIp: nextIp() });
const attempt = (email: string, password: string) => post(login, '/auth/login', { email, password });

async function registered(): Promise<string> {
  const email = newEmail();
  const response = await post(register, '/auth/register', { email, password: PASSWORD });
  expect(response.status).toBe(201);
  return email;
}

/** The functions' clock, frozen at a start and moved by hand: locks expire without waiting. */
let now = Date.UTC(2031, 4, 1, 9, 0, 0);
let restoreClock: () => void;
beforeEach(() => {
  now += 86_400_000;
  restoreClock = useClock(() => now);
});
afterEach(() => restoreClock());

/** What a client sees of an answer, without the per-request id. */
const seen = (response: Awaited<ReturnType<typeof attempt>>) => {
  const { request_id: _ignored, ...body } = response.body ?? {};
  return { status: response.status, retryAfter: response.headers['Retry-After'], body };
};

describe('per-account login throttling', () => {
  it('refuses a sixth attempt after 5 failures with 429 + Retry-After, from any IP, even with the right password', async () => {
    const email = await registered();
    const failures = [];
    for (let index = 0; index < 5; index++) failures.push(await attempt(email, 'wrong password'));
    const sixth = await attempt(email, PASSWORD);
    expect(failures.map((response) => response.status)).toEqual([401, 401, 401, 401, 401]);
    expect(sixth.status).toBe(429);
    expect(sixth.body.type).toBe('https://task-api.dev/problems/login-throttled');
    expect(sixth.headers['Retry-After']).toBe('30');
  });

  it('doubles the wait per further failure, caps it at 15 minutes, and a success resets the count', async () => {
    const email = await registered();
    for (let index = 0; index < 5; index++) await attempt(email, 'wrong password');
    const waits: string[] = [];
    for (let failure = 6; failure <= 12; failure++) {
      const refused = await attempt(email, 'wrong password');
      waits.push(String(refused.headers['Retry-After']));
      now += Number(refused.headers['Retry-After']) * 1000;
      expect((await attempt(email, 'wrong password')).status).toBe(401);
    }
    expect(waits).toEqual(['30', '60', '120', '240', '480', '900', '900']);
    // After the lock: the right password gets in, and the count starts again (5 free failures).
    now += 900_000;
    expect((await attempt(email, PASSWORD)).status).toBe(200);
    const again = [];
    for (let index = 0; index < 6; index++) again.push((await attempt(email, 'wrong password')).status);
    expect(again).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('a refused attempt does not extend the lock: it ends when the last failure said', async () => {
    const email = await registered();
    for (let index = 0; index < 5; index++) await attempt(email, 'wrong password');
    now += 29_000;
    expect((await attempt(email, 'wrong password')).headers['Retry-After']).toBe('1');
    now += 1_000;
    expect((await attempt(email, PASSWORD)).status).toBe(200);
  });

  it('treats an unregistered email exactly like a registered one: same answers, same waits', async () => {
    const known = await registered();
    const unknown = newEmail();
    const sequence = async (email: string) => {
      const answers = [];
      for (let index = 0; index < 7; index++) {
        const response = await attempt(email, 'wrong password');
        answers.push(seen(response));
        if (index === 5) now += 30_000;
      }
      return answers;
    };
    const forKnown = await sequence(known);
    now += 86_400_000;
    const forUnknown = await sequence(unknown);
    expect(forUnknown).toEqual(forKnown);
    expect(forKnown.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 429, 401]);
  });

  it('lets at most 5 of 20 concurrent guesses on one email be checked; the others are refused', async () => {
    const email = await registered();
    const responses = await Promise.all(Array.from({ length: 20 }, () => attempt(email, 'wrong password')));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
  });
});

describe('password hashing cost', () => {
  it('is scrypt N=2^17 unless configured otherwise (the tests lower it to stay fast)', () => {
    expect(EnvSchema.parse({}).SCRYPT_LOG2_N).toBe(17);
    expect(EnvSchema.safeParse({ SCRYPT_LOG2_N: '11' }).success).toBe(false);
  });

  it('re-hashes a password stored at an older cost when its owner logs in', async () => {
    // Prepare: the stored hash made at N=2^12, as an account from before the cost was raised.
    const email = await registered();
    const key = userKeys.email(email);
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName('tasks'),
        Key: key,
        UpdateExpression: 'SET password_hash = :old',
        ExpressionAttributeValues: { ':old': await hashPassword(PASSWORD, { N: 2 ** 12, r: 8, p: 1 }) },
      }),
    );
    const storedHash = async () =>
      String(
        (await dynamo.send(new GetCommand({ TableName: tableName('tasks'), Key: key }))).Item?.password_hash,
      );
    // Act
    const first = await attempt(email, PASSWORD);
    const upgraded = await storedHash();
    const second = await attempt(email, PASSWORD);
    // Assert
    expect(first.status).toBe(200);
    expect(upgraded).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(second.status).toBe(200);
    expect(await storedHash()).toBe(upgraded);
  });
});
