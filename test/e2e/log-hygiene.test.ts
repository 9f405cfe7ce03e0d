import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { localApiKeys } from '../../lib/config/usage-plans';
import { captureOutput, type CapturedOutput } from '../support/captured-output';
import { newClientIp, useTestGateway } from './support/http-client';

/**
 * No password, token, key or body reaches a log line, however verbose the functions are: every request of
 * a user's session goes through the gateway with LOG_LEVEL=debug and every invocation debug-sampled,
 * and all the functions write is captured and searched for them.
 */
process.env.LOG_LEVEL = 'debug';
process.env.POWERTOOLS_LOGGER_SAMPLE_RATE = '1';
process.env.POWERTOOLS_METRICS_DISABLED = 'false';

const client = useTestGateway();

/** The secret strings of a key-set file (every string value but the key ids), by a readable name. */
function keyMaterial(file: string | undefined): Record<string, string> {
  const strings: string[] = [];
  const walk = (value: unknown, key = ''): void => {
    if (typeof value === 'string' && key !== 'kid') strings.push(value);
    else if (value && typeof value === 'object')
      for (const [name, inner] of Object.entries(value)) walk(inner, name);
  };
  walk(file ? JSON.parse(readFileSync(file, 'utf8')) : {});
  expect(strings.length).toBeGreaterThan(0);
  return Object.fromEntries(strings.map((value, index) => [`${file}#${index}`, value]));
}
let output: CapturedOutput;
beforeAll(() => {
  output = captureOutput();
});
afterAll(() => output.restore());

it('logs every request of a session without its password, token, Idempotency-Key, e-mail or body', async () => {
  // Prepare: values that must never be logged, each unique to this run.
  const marker = () => `secret-${randomUUID()}`;
  const password = `pw ${marker()}`;
  const wrongPassword = `pw ${marker()}`;
  const email = `${marker()}@example.com`;
  const name = marker();
  const title = marker();
  const description = marker();
  const patched = marker();
  const searched = marker();
  const idempotencyKey = marker();
  const forgedToken = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.${randomUUID().replaceAll('-', '')}`;
  const ip = newClientIp();

  // Act: a session, including failures.
  const sent: string[] = [];
  const call = async (...args: Parameters<typeof client.request>) => {
    const response = await client.request(...args);
    sent.push(response.headers.get('x-request-id') ?? '');
    return response;
  };
  await call('POST', '/v2/auth/register', { json: { email, password, name }, sourceIp: ip });
  await call('POST', '/v2/auth/login', { json: { email, password: wrongPassword }, sourceIp: ip });
  const login = await call('POST', '/v2/auth/login', { json: { email, password }, sourceIp: ip });
  const token = login.body.access_token as string;
  const created = await call('POST', '/v2/tasks', {
    token,
    json: { title, description },
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  const taskPath = `/v2/tasks/${created.body.id}`;
  await call('GET', taskPath, { token });
  await call('PATCH', taskPath, { token, json: { title: patched }, headers: { 'If-Match': '"v99"' } });
  await call('PATCH', taskPath, { token, json: { title: patched, [marker()]: 1 } });
  await call('POST', '/v2/tasks', {
    token,
    raw: `{"title": "${title}"`,
    headers: { 'content-type': 'application/json' },
  });
  await call('GET', `/v2/tasks?q=${searched}`, { token });
  await call('GET', '/v2/users/me', { token });
  await call('GET', '/v2/tasks', { token: forgedToken });

  // Assert: every function request has its access line, and nothing secret is anywhere in the output.
  expect(login.status).toBe(200);
  const logged = output.lines().join('\n');
  const accessLines = output.logs('request completed').map((line) => line.request_id as string);
  expect(accessLines).toEqual(expect.arrayContaining(sent.slice(0, -1)));
  expect(output.logs('aws call').length).toBeGreaterThan(5);
  expect(output.logs('authorizer decision').map((line) => line.decision)).toEqual(
    expect.arrayContaining(['allowed', 'rejected']),
  );
  const secrets = {
    password,
    wrongPassword,
    token,
    forgedToken,
    email,
    name,
    title,
    description,
    patched,
    searched,
    idempotencyKey,
    ...keyMaterial(process.env.TOKEN_KEYS_FILE),
    ...keyMaterial(process.env.CURSOR_KEYS_FILE),
    ...Object.fromEntries([...localApiKeys().keys()].map((key, index) => [`apiKey${index}`, key])),
  };
  for (const [what, value] of Object.entries(secrets)) {
    expect({ what, logged: value !== '' && logged.includes(value) }).toEqual({ what, logged: false });
  }
});
