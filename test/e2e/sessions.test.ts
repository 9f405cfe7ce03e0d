import { dirname } from 'node:path';
import { KEY_SET_TTL_MS } from '../../functions/shared/auth/key-source';
import { useClock } from '../../functions/shared/config/clock';
import { authorizer } from '../../functions/routes';
import { rotateLocalKeySet } from '../../lib/local/key-set-files';
import { expectProblem } from './support/expectations';
import { signUp, useTestGateway, type TestUser } from './support/http-client';

/**
 * Sessions over HTTP through the local gateway, whose authorizer cache runs on an injected clock (as do the
 * functions): logout, the revocation bound, and a key rotation under a running server. No sleeps.
 */
let now = Date.now();
const client = useTestGateway({ clock: () => now });
let restoreClock: () => void;
beforeAll(() => {
  restoreClock = useClock(() => now);
});
afterAll(() => restoreClock());

const CACHE_MS = authorizer.resultsCacheTtlSeconds * 1000;
const get = (path: string, user: TestUser, token = user.token) => client.request('GET', path, { token });

describe('logout', () => {
  it('answers 204; the revoked token gets 401 at once where the profile is read, everywhere once the cached answer expires', async () => {
    const user = await signUp(client);
    expect((await get('/v2/tasks', user)).status).toBe(200); // the authorizer's Allow is now cached
    // Act
    const out = await client.request('POST', '/v2/auth/logout', { token: user.token });
    const meAtOnce = await get('/v2/users/me', user);
    const tasksWhileCached = await get('/v2/tasks', user);
    now += CACHE_MS - 1000;
    const tasksJustBefore = await get('/v2/tasks', user);
    now += 1000;
    const tasksAfter = await get('/v2/tasks', user);
    // Assert
    expect(out.status).toBe(204);
    expectProblem(meAtOnce, 401, 'unauthorized');
    expect(tasksWhileCached.status).toBe(200);
    expect(tasksJustBefore.status).toBe(200);
    expectProblem(tasksAfter, 401, 'unauthorized');
    expect(tasksAfter.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('leaves a login made after the logout working, and refuses logging out again with the revoked token', async () => {
    const user = await signUp(client);
    await client.request('POST', '/v1/auth/logout', { token: user.token });
    now += 1;
    const relogin = await client.request('POST', '/v1/auth/login', {
      json: { email: user.email, password: user.password },
      sourceIp: user.ip,
    });
    const again = await client.request('POST', '/v1/auth/logout', { token: user.token });
    expect(relogin.status).toBe(200);
    expectProblem(again, 401, 'unauthorized');
    expect((await get('/v1/users/me', user, relogin.body.access_token)).status).toBe(200);
  });

  it('needs a bearer token and an API key', async () => {
    const user = await signUp(client);
    expectProblem(await client.request('POST', '/v2/auth/logout'), 401, 'unauthorized');
    expectProblem(
      await client.request('POST', '/v2/auth/logout', { token: user.token, apiKey: null }),
      403,
      'forbidden',
    );
  });
});

describe('key rotation under a running server', () => {
  it('logs nobody out and breaks no cursor: tokens and cursors issued before it keep working', async () => {
    // Prepare: a user with 3 tasks and the first page of a walk of 2.
    const user = await signUp(client);
    for (const title of ['one', 'two', 'three'])
      await client.request('POST', '/v2/tasks', { token: user.token, json: { title } });
    const first = await get('/v2/tasks?limit=2', user);
    // Act: both key sets rotate; warm functions see it once their cache (and the gateway's) expires.
    rotateLocalKeySet(dirname(process.env.TOKEN_KEYS_FILE!), 'token');
    rotateLocalKeySet(dirname(process.env.CURSOR_KEYS_FILE!), 'cursor');
    now += Math.max(KEY_SET_TTL_MS, CACHE_MS) + 1000;
    const second = await get(`/v2/tasks?limit=2&cursor=${first.body.pagination.next_cursor}`, user);
    const relogin = await client.request('POST', '/v2/auth/login', {
      json: { email: user.email, password: user.password },
      sourceIp: user.ip,
    });
    // Assert
    expect(second.status).toBe(200);
    expect([...first.body.data, ...second.body.data].map((task: { title: string }) => task.title)).toEqual([
      'three',
      'two',
      'one',
    ]);
    expect((await get('/v2/users/me', user, relogin.body.access_token)).status).toBe(200);
    expect((await get('/v2/users/me', user)).status).toBe(200);
  });
});
