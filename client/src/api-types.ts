/**
 * Every type the client takes from the API's OpenAPI documents, in one place. They are read from the
 * operations (`paths[path][method]`), not from named component schemas or operation ids, so regenerating
 * the documents (new component names, described headers) changes nothing here as long as the paths and the
 * shapes on the wire stay the same. The documents type query parameters as clients send them (`limit` an
 * integer, `include_total` a boolean), so the list queries are the documents' own.
 */
import type { components, paths as V2 } from './generated/openapi-v2.ts';
import type { paths as V1 } from './generated/openapi-v1.ts';

/** The `application/json` content of a response or request body object. */
type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON body an operation answers with on `Status`. */
type Answer<Operation, Status extends number> = Operation extends { responses: infer Responses }
  ? Status extends keyof Responses
    ? JsonOf<Responses[Status]>
    : never
  : never;

/** The JSON request body of an operation. */
type RequestBody<Operation> = Operation extends { requestBody?: infer Body }
  ? JsonOf<NonNullable<Body>>
  : never;

/** The query parameters of an operation, as the document types them. */
type QueryOf<Operation> = Operation extends { parameters: { query?: infer Query } }
  ? NonNullable<Query>
  : never;

// ---- v2 (current) ----

/** A task as v2 represents it: v1's fields plus priority, due_date, tags and hypermedia links. */
export type Task = Answer<V2['/tasks/{id}']['get'], 200>;
/** The body of `POST /v2/tasks`: `title` required, every other writable field optional. */
export type TaskCreate = RequestBody<V2['/tasks']['post']>;
/** The body of `PUT /v2/tasks/{id}`: omitted optional fields return to their defaults. */
export type TaskReplace = RequestBody<V2['/tasks/{id}']['put']>;
/** The body of `PATCH /v2/tasks/{id}` (JSON Merge Patch): present fields change, `null` clears. */
export type TaskPatch = RequestBody<V2['/tasks/{id}']['patch']>;
/** One page of `GET /v2/tasks`: `data`, `pagination` (`next_cursor`, `has_more`, `total_count`) and `links`. */
export type TaskPage = Answer<V2['/tasks']['get'], 200>;
/**
 * Filters and sort of `GET /v2/tasks`, the page size (`limit`, 1..100), the previous page's `cursor`, and
 * `include_total` (costs reads on filtered lists).
 */
export type TaskListQuery = QueryOf<V2['/tasks']['get']>;
/** A hypermedia link of a v2 task or page. */
export type Link = Task['links'][number];

/** Status, priority and the other enumerations of a task, as the document lists them. */
export type TaskStatus = Task['status'];
export type TaskPriority = Task['priority'];

/** The body of `POST /auth/register`. */
export type Registration = RequestBody<V2['/auth/register']['post']>;
/** The body of `POST /auth/login`. */
export type Credentials = RequestBody<V2['/auth/login']['post']>;
/** A registered user, as `POST /auth/register` answers it. */
export type RegisteredUser = Answer<V2['/auth/register']['post'], 201>;
/** The bearer token `POST /auth/login` answers. */
export type AccessToken = Answer<V2['/auth/login']['post'], 200>;
/** The caller, as `GET /v2/users/me` answers it (with links). */
export type User = Answer<V2['/users/me']['get'], 200>;
/** `GET /health`: `{ status: 'ok', version: 'v1' | 'v2' }`. */
export type Health = Answer<V2['/health']['get'], 200>;
/** An RFC 9457 problem, as every error body carries it. */
export type Problem = components['schemas']['Problem'];

// ---- v1 (previous version) ----

/** A task as v1 represents it: no priority, due_date, tags or links. */
export type TaskV1 = Answer<V1['/tasks/{id}']['get'], 200>;
export type TaskCreateV1 = RequestBody<V1['/tasks']['post']>;
export type TaskReplaceV1 = RequestBody<V1['/tasks/{id}']['put']>;
export type TaskPatchV1 = RequestBody<V1['/tasks/{id}']['patch']>;
/** One page of `GET /v1/tasks`: `items`, `total_count`, `skip`, `limit`. */
export type TaskPageV1 = Answer<V1['/tasks']['get'], 200>;
/** Filters and sort of `GET /v1/tasks`, plus offset paging (`limit` 1..100, `skip` 0..10000). */
export type TaskListQueryV1 = QueryOf<V1['/tasks']['get']>;
/** The caller, as `GET /v1/users/me` answers it. */
export type UserV1 = Answer<V1['/users/me']['get'], 200>;
