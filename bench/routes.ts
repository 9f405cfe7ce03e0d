import type { BenchRequest } from './invoke';

/**
 * The requests the benchmark sends, built the way the gateway would route them (resource template,
 * path, path parameters) so each handler sees a real event.
 */
export const requests = {
  health: (): BenchRequest => ({ method: 'GET', resource: '/health', path: '/health' }),
  openApi: (): BenchRequest => ({ method: 'GET', resource: '/openapi.json', path: '/openapi.json' }),
  me: (userId: string): BenchRequest => ({ method: 'GET', resource: '/users/me', path: '/users/me', userId }),
  register: (email: string, password: string): BenchRequest => ({
    method: 'POST',
    resource: '/auth/register',
    path: '/auth/register',
    body: { email, password, name: 'Bench' },
  }),
  login: (email: string, password: string): BenchRequest => ({
    method: 'POST',
    resource: '/auth/login',
    path: '/auth/login',
    body: { email, password },
  }),
  createTask: (userId: string, body: unknown, idempotencyKey?: string): BenchRequest => ({
    method: 'POST',
    resource: '/tasks',
    path: '/tasks',
    userId,
    body,
    ...(idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : {}),
  }),
  getTask: (userId: string, id: string): BenchRequest => onTask('GET', userId, id),
  patchTask: (userId: string, id: string, body: unknown): BenchRequest => ({
    ...onTask('PATCH', userId, id),
    body,
  }),
  putTask: (userId: string, id: string, body: unknown): BenchRequest => ({
    ...onTask('PUT', userId, id),
    body,
  }),
  deleteTask: (userId: string, id: string): BenchRequest => onTask('DELETE', userId, id),
  listTasks: (userId: string, stage: 'v1' | 'v2', query: BenchRequest['query']): BenchRequest => ({
    stage,
    method: 'GET',
    resource: '/tasks',
    path: '/tasks',
    userId,
    query,
  }),
};

function onTask(method: string, userId: string, id: string): BenchRequest {
  return { method, resource: '/tasks/{id}', path: `/tasks/${id}`, pathParameters: { id }, userId };
}
