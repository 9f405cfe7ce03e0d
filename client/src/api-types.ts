/**
 * Every type the client takes from the API's OpenAPI documents, in one place. They are read from the
 * operations (`paths[path][method]`), not from named component schemas or operation ids, so regenerating
 * the documents (new component names, described headers, typed parameters) changes nothing here as long as
 * the paths and the shapes on the wire stay the same. Query parameters are restated in the client's own
 * words (numbers and booleans rather than the strings a query string carries).
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

/** `Fallback` while the document does not describe a body yet (today: `/health`), then the document's type. */
type Documented<T, Fallback> = [T] extends [never] ? Fallback : T;

/** Query parameters the client types itself: pagination and flags, which the wire carries as strings. */
type ClientTypedQuery = 'limit' | 'skip' | 'cursor' | 'include_total';

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
/** Filters and sort of `GET /v2/tasks`, plus the page size. */
export type TaskListQuery = Omit<QueryOf<V2['/tasks']['get']>, ClientTypedQuery> & {
  /** Page size, 1..100 (server default 10). */
  limit?: number;
  /** `next_cursor` of the previous page. */
  cursor?: string;
  /** Also count every matching task (`pagination.total_count`); costs reads on filtered lists. */
  include_total?: boolean;
};
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
export type Health = Documented<Answer<V2['/health']['get'], 200>, { status: string; version: string }>;
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
/** Filters and sort of `GET /v1/tasks`, plus offset paging. */
export type TaskListQueryV1 = Omit<QueryOf<V1['/tasks']['get']>, ClientTypedQuery> & {
  /** Page size, 1..100 (server default 10). */
  limit?: number;
  /** Tasks to skip, 0..10000. */
  skip?: number;
};
/** The caller, as `GET /v1/users/me` answers it. */
export type UserV1 = Answer<V1['/users/me']['get'], 200>;
