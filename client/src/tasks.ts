/**
 * `api.tasks`: create (with an Idempotency-Key, kept across retries), get, replace, update (JSON Merge
 * Patch), delete, conditional writes with `ifMatch`, read-modify-write with `updateWith`, and listing
 * with auto-pagination. One implementation for both versions; the version's types come in as parameters
 * and its listing (cursor in v2, offset in v1) in the subclasses.
 */
import type {
  Task,
  TaskCreate,
  TaskCreateV1,
  TaskListQuery,
  TaskListQueryV1,
  TaskPage,
  TaskPageV1,
  TaskPatch,
  TaskPatchV1,
  TaskReplace,
  TaskReplaceV1,
  TaskV1,
} from './api-types.ts';
import { ProblemError, TaskApiError } from './errors.ts';
import { Paginator } from './paginator.ts';
import {
  withResponse,
  type QueryValue,
  type RequestOptions,
  type Transport,
  type WithResponse,
} from './transport.ts';

export interface CreateOptions extends RequestOptions {
  /**
   * The request's Idempotency-Key (1..255 printable ASCII). By default a random UUID, made once per call
   * and sent again on every retry, so a retried create never makes a second task. Pass your own to make a
   * create safe across process restarts too (the API keeps keys 24 hours).
   */
  idempotencyKey?: string;
}

export interface WriteOptions extends RequestOptions {
  /** The ETag the task must still have (`lastResponse.etag` of a read): otherwise `ProblemError` 412. */
  ifMatch?: string;
}

export interface UpdateWithOptions extends RequestOptions {
  /** Read-modify-write rounds before the last 412 is thrown. Default 5. */
  maxAttempts?: number;
}

const taskPath = (id: string) => `/tasks/${encodeURIComponent(id)}`;
const MERGE_PATCH = 'application/merge-patch+json';

/** What both versions do alike. */
abstract class TaskResource<TTask extends object, TCreate, TReplace, TPatch> {
  constructor(protected readonly transport: Transport) {}

  /** `POST /tasks` with an Idempotency-Key: retried on a dropped connection, 409 in flight, 429, 503. */
  async create(task: TCreate, options: CreateOptions = {}): Promise<WithResponse<TTask>> {
    const { idempotencyKey = globalThis.crypto.randomUUID(), ...rest } = options;
    return withResponse(
      await this.transport.send<TTask>({
        method: 'POST',
        path: '/tasks',
        body: task,
        auth: true,
        repeatable: true,
        idempotencyKey,
        options: rest,
      }),
    );
  }

  /** `GET /tasks/{id}`; `lastResponse.etag` is its version. A missing (or another user's) task is a 404. */
  async get(id: string, options?: RequestOptions): Promise<WithResponse<TTask>> {
    return withResponse(
      await this.transport.send<TTask>({
        method: 'GET',
        path: taskPath(id),
        auth: true,
        repeatable: true,
        options,
      }),
    );
  }

  /** `PUT /tasks/{id}`: replaces every writable field (omitted optional ones return to defaults). */
  async replace(id: string, task: TReplace, options: WriteOptions = {}): Promise<WithResponse<TTask>> {
    const { ifMatch, ...rest } = options;
    return withResponse(
      await this.transport.send<TTask>({
        method: 'PUT',
        path: taskPath(id),
        body: task,
        headers: ifMatch === undefined ? undefined : { 'if-match': ifMatch },
        auth: true,
        repeatable: true,
        options: rest,
      }),
    );
  }

  /**
   * `PATCH /tasks/{id}` (JSON Merge Patch: present fields change, `null` clears a nullable one). With
   * `ifMatch` it is conditional, and safe to retry; without, it is not retried after an unknown outcome.
   */
  async update(id: string, patch: TPatch, options: WriteOptions = {}): Promise<WithResponse<TTask>> {
    const { ifMatch, ...rest } = options;
    return withResponse(
      await this.transport.send<TTask>({
        method: 'PATCH',
        path: taskPath(id),
        body: patch,
        contentType: MERGE_PATCH,
        headers: ifMatch === undefined ? undefined : { 'if-match': ifMatch },
        auth: true,
        repeatable: ifMatch !== undefined,
        options: rest,
      }),
    );
  }

  /** `DELETE /tasks/{id}` (optionally only if unchanged since `ifMatch`). */
  async delete(id: string, options: WriteOptions = {}): Promise<void> {
    const { ifMatch, ...rest } = options;
    await this.transport.send<undefined>({
      method: 'DELETE',
      path: taskPath(id),
      headers: ifMatch === undefined ? undefined : { 'if-match': ifMatch },
      auth: true,
      repeatable: true,
      options: rest,
    });
  }

  /** `GET /tasks` with a query: one page, in the version's envelope. */
  protected async page<TPage extends object>(
    query: Record<string, QueryValue>,
    options: RequestOptions | undefined,
  ): Promise<WithResponse<TPage>> {
    return withResponse(
      await this.transport.send<TPage>({
        method: 'GET',
        path: '/tasks',
        query,
        auth: true,
        repeatable: true,
        options,
      }),
    );
  }

  /**
   * Read-modify-write without lost updates: reads the task, asks `change` for a patch computed from it,
   * and writes it with `If-Match`; when someone else wrote in between (412), reads again and asks again.
   * `change` may return undefined to write nothing (the task is returned as read). It may run more than
   * once, so it should compute the patch from the task it is given and do nothing else.
   */
  async updateWith(
    id: string,
    change: (task: WithResponse<TTask>) => TPatch | undefined | Promise<TPatch | undefined>,
    options: UpdateWithOptions = {},
  ): Promise<WithResponse<TTask>> {
    const { maxAttempts = 5, ...rest } = options;
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(id, rest);
      const patch = await change(current);
      if (patch === undefined) return current;
      const ifMatch = current.lastResponse.etag;
      if (ifMatch === undefined) throw new TaskApiError(`GET ${taskPath(id)} answered without an ETag`);
      try {
        return await this.update(id, patch, { ...rest, ifMatch });
      } catch (error) {
        if (!(error instanceof ProblemError && error.status === 412) || attempt >= maxAttempts) throw error;
      }
    }
  }
}

/** v2 tasks: cursor pagination. */
export class Tasks extends TaskResource<Task, TaskCreate, TaskReplace, TaskPatch> {
  /** `GET /tasks`: one page. Pass `cursor: page.pagination.next_cursor` for the next one. */
  list(query: TaskListQuery = {}, options?: RequestOptions): Promise<WithResponse<TaskPage>> {
    return this.page<TaskPage>(query, options);
  }

  /** Every page from `query.cursor` (or the first) to the last, following `next_cursor`. */
  async *pages(query: TaskListQuery = {}, options?: RequestOptions): AsyncGenerator<WithResponse<TaskPage>> {
    let cursor = query.cursor;
    for (;;) {
      const page = await this.list({ ...query, cursor }, options);
      yield page;
      const next = page.pagination.next_cursor;
      if (!page.pagination.has_more || next === null) return;
      cursor = next;
    }
  }

  /**
   * Every matching task, page after page (100 a page unless `limit` says otherwise), fetched as the loop
   * consumes them: `for await (const task of api.tasks.listAll({ status: 'pending' }))`.
   */
  listAll(query: TaskListQuery = {}, options?: RequestOptions): Paginator<Task> {
    return new Paginator(() => this.batches(query, options));
  }

  private async *batches(query: TaskListQuery, options: RequestOptions | undefined): AsyncGenerator<Task[]> {
    for await (const page of this.pages({ limit: 100, ...query }, options)) yield page.data;
  }
}

/** v1 tasks: offset pagination (`skip`, `limit`, `total_count`). */
export class TasksV1 extends TaskResource<TaskV1, TaskCreateV1, TaskReplaceV1, TaskPatchV1> {
  /** `GET /tasks` (v1): one page at `skip`. */
  list(query: TaskListQueryV1 = {}, options?: RequestOptions): Promise<WithResponse<TaskPageV1>> {
    return this.page<TaskPageV1>(query, options);
  }

  /**
   * Every matching task by offset (100 a page unless `limit` says otherwise). Offsets shift when tasks are
   * created or deleted during the walk, and the API caps `skip` at 10 000: v2's cursors have neither limit.
   */
  listAll(query: TaskListQueryV1 = {}, options?: RequestOptions): Paginator<TaskV1> {
    return new Paginator(() => this.batches(query, options));
  }

  private async *batches(
    query: TaskListQueryV1,
    options: RequestOptions | undefined,
  ): AsyncGenerator<TaskV1[]> {
    let skip = query.skip ?? 0;
    for (;;) {
      const page = await this.list({ limit: 100, ...query, skip }, options);
      yield page.items;
      skip += page.items.length;
      if (page.items.length === 0 || skip >= page.total_count) return;
    }
  }
}
