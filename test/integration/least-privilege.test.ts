import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler as login } from '../../functions/auth/login';
import { handler as logout } from '../../functions/auth/logout';
import { handler as register } from '../../functions/auth/register';
import { routes } from '../../functions/routes';
import { hashPassword } from '../../functions/shared/auth/passwords';
import { dynamo } from '../../functions/shared/data/dynamodb-client';
import { userKeys } from '../../functions/shared/data/entities/user-entity';
import { tableName } from '../../functions/shared/data/table-names';
import { handler as createTask } from '../../functions/tasks/create';
import { handler as deleteTask } from '../../functions/tasks/delete';
import { handler as getTask } from '../../functions/tasks/get';
import { handler as listTasks } from '../../functions/tasks/list';
import { handler as replaceTask } from '../../functions/tasks/replace';
import { handler as updateTask } from '../../functions/tasks/update';
import { handler as me } from '../../functions/users/me';
import { handler as health } from '../../functions/health/get';
import { handler as openApi } from '../../functions/docs/openapi';
import { grantedPermissions, runWithAccess, sharedAccessGuard } from '../../lib/local/dynamodb-access-guard';
import { invoke, newUserId, type InvokeOptions, type ProxyHandler } from '../support/invoke';

/**
 * The contracts' DynamoDB access (what IAM grants each function) against what the handlers do. `invoke` runs
 * each handler under the access guard, so every call a handler makes in any integration test must be listed
 * in its contract; here every handler is driven through its paths, and every permission a contract lists
 * must have been used: a stale entry in a contract is a grant nobody needs.
 */

/**
 * Permissions that only a race uses, exercised through the gateway by test/e2e/contention.test.ts and
 * test/e2e/concurrency.test.ts (under the same guard), not deterministically here.
 */
const USED_ONLY_IN_RACES: Readonly<Record<string, readonly string[]>> = {
  // A write that lost to a concurrent status change re-reads the task after its pause.
  ReplaceTask: ['tasks:GetItem'],
  UpdateTask: ['tasks:GetItem'],
  // The record is read when a cancelled claim did not return it (DynamoDB returns it with ALL_OLD).
  CreateTask: ['idempotency:GetItem'],
};

const PASSWORD = 'correct horse battery staple';
let ip = 0;
const call = (handler: unknown, options: InvokeOptions) =>
  invoke(handler as ProxyHandler, { sourceIp: `198.51.100.${(ip++ % 250) + 1}`, ...options });

/** Drives every handler through the paths that make its DynamoDB calls. */
async function tour(): Promise<void> {
  await call(health, { method: 'GET', resource: '/health', path: '/health' });
  await call(openApi, { method: 'GET', resource: '/openapi.json', path: '/openapi.json' });

  // Register; a wrong password (counted), then the right one at an older hashing cost (re-hashed, reset).
  const email = `least-privilege-${randomUUID()}@example.com`;
  const auth = (resource: string, body: unknown) =>
    call(resource === '/auth/login' ? login : register, {
      method: 'POST',
      resource,
      path: resource,
      body,
    });
  const registered = await auth('/auth/register', { email, password: PASSWORD });
  expect(registered.status).toBe(201);
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName('tasks'),
      Key: userKeys.email(email),
      UpdateExpression: 'SET password_hash = :old',
      ExpressionAttributeValues: { ':old': await hashPassword(PASSWORD, { N: 2 ** 12, r: 8, p: 1 }) },
    }),
  );
  expect((await auth('/auth/login', { email, password: 'wrong password' })).status).toBe(401);
  expect((await auth('/auth/login', { email, password: PASSWORD })).status).toBe(200);

  const userId: string = registered.body.id;
  expect((await call(me, { method: 'GET', resource: '/users/me', path: '/users/me', userId })).status).toBe(
    200,
  );

  // Tasks: create with a key and replay it, read, list every order with totals, change, delete.
  const taskOwner = newUserId();
  const create = (key: string) =>
    call(createTask, {
      method: 'POST',
      resource: '/tasks',
      path: '/tasks',
      userId: taskOwner,
      headers: { 'Idempotency-Key': key },
      body: { title: 'least privilege', status: 'pending', due_date: '2030-01-01', tags: ['iam'] },
    });
  const key = randomUUID();
  const created = await create(key);
  expect(created.status).toBe(201);
  expect((await create(key)).headers['Idempotent-Replayed']).toBe('true');
  const id: string = created.body.id;
  const task = { resource: '/tasks/{id}', path: `/tasks/${id}`, pathParameters: { id }, userId: taskOwner };
  expect((await call(getTask, { method: 'GET', ...task })).status).toBe(200);
  for (const sort of ['created_at', 'updated_at', 'title', 'due_date', 'priority'])
    for (const filter of [[], [['status', 'pending']], [['priority', 'medium']]] as [string, string][][]) {
      const listed = await call(listTasks, {
        method: 'GET',
        resource: '/tasks',
        path: '/tasks',
        userId: taskOwner,
        query: [['sort_by', sort], ['include_total', 'true'], ...filter],
      });
      expect(listed.status).toBe(200);
    }
  const patch = (body: unknown) => call(updateTask, { method: 'PATCH', ...task, body });
  expect((await patch({ title: 'renamed' })).status).toBe(200);
  expect((await patch({ status: 'in_progress' })).status).toBe(200);
  const put = (body: unknown) => call(replaceTask, { method: 'PUT', ...task, body });
  expect((await put({ title: 'replaced', status: 'in_progress' })).status).toBe(200);
  expect((await put({ title: 'replaced', status: 'completed' })).status).toBe(200);
  expect((await call(deleteTask, { method: 'DELETE', ...task })).status).toBe(204);

  const bearer = { resource: '/auth/logout', path: '/auth/logout', userId };
  expect((await call(logout, { method: 'POST', ...bearer })).status).toBe(204);
}

describe('DynamoDB access: the contracts against the handlers', () => {
  beforeAll(tour);

  it.each(routes.map((route) => [route.id, route] as const))(
    '%s uses every DynamoDB permission its contract lists, and no other',
    async (id, route) => {
      const guard = await sharedAccessGuard();
      const used = [...(guard.used.get(id) ?? [])].sort();
      const granted = [...grantedPermissions(route.access)].sort();
      expect(guard.denied.get(id) ?? []).toEqual([]);
      expect(used.filter((permission) => !granted.includes(permission))).toEqual([]);
      const unused = granted.filter((permission) => !used.includes(permission));
      expect(unused).toEqual([...(USED_ONLY_IN_RACES[id] ?? [])].sort());
    },
  );

  it('refuses a call the contract does not list, as IAM would, with AccessDeniedException', async () => {
    // Act: GetMe's contract lists GetItem on the tasks table only; this runs a Scan as GetMe.
    const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
    const scan = runWithAccess('GetMe', { tables: { tasks: { actions: ['GetItem'] } } }, () =>
      dynamo.send(new ScanCommand({ TableName: tableName('tasks'), Limit: 1 })),
    );
    // Assert
    await expect(scan).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('dynamodb:Scan'),
    });
  });
});
