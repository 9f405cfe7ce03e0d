/** @task-api/client: a typed client for the Task API, for Node 20+ and browsers. */
export { TaskApi, TaskApiV1 } from './task-api.ts';
export { Auth, Users } from './auth.ts';
export { Tasks, TasksV1, type CreateOptions, type UpdateWithOptions, type WriteOptions } from './tasks.ts';
export { Paginator } from './paginator.ts';
export { ConnectionError, ProblemError, TaskApiError } from './errors.ts';
export { DEFAULT_RETRY, type RetryOptions } from './retry-policy.ts';
export type { ClientOptions, RequestOptions, ResponseInfo, RetryEvent, WithResponse } from './transport.ts';
export type * from './api-types.ts';
