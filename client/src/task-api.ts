/**
 * The clients: `TaskApi` speaks v2 (the current version), `TaskApiV1` the previous one. Each is bound to
 * one stage root and keeps its own bearer token.
 */
import type { Health, User, UserV1 } from './api-types.ts';
import { Auth, Users } from './auth.ts';
import { Tasks, TasksV1 } from './tasks.ts';
import {
  Transport,
  withResponse,
  type ClientOptions,
  type RequestOptions,
  type WithResponse,
} from './transport.ts';

abstract class Client {
  readonly auth: Auth;
  protected readonly transport: Transport;

  constructor(options: ClientOptions) {
    this.transport = new Transport(options);
    this.auth = new Auth(this.transport);
  }

  /** `GET /health` (no key, no token): `{ status: 'ok', version }`. */
  async health(options?: RequestOptions): Promise<WithResponse<Health>> {
    return withResponse(
      await this.transport.send<Health>({
        method: 'GET',
        path: '/health',
        auth: false,
        repeatable: true,
        options,
      }),
    );
  }
}

/**
 * The Task API, v2: `new TaskApi({ baseUrl: 'http://127.0.0.1:3000/v2', apiKey })`, then
 * `await api.auth.login({ email, password })` and `api.tasks.*`.
 */
export class TaskApi extends Client {
  readonly users: Users<User>;
  readonly tasks: Tasks;

  constructor(options: ClientOptions) {
    super(options);
    this.users = new Users(this.transport);
    this.tasks = new Tasks(this.transport);
  }
}

/** The Task API, v1 (deprecated in favour of v2): v1's task fields and offset pagination. */
export class TaskApiV1 extends Client {
  readonly users: Users<UserV1>;
  readonly tasks: TasksV1;

  constructor(options: ClientOptions) {
    super(options);
    this.users = new Users(this.transport);
    this.tasks = new TasksV1(this.transport);
  }
}
