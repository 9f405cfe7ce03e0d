import type * as z from 'zod/mini';
import type { TableName, tableDefinitions } from '../data/table-definitions';
import type { Versioned } from '../domain/api-version';
import type { ResponseSchemaName } from '../domain/response-schemas';
import type { ProblemKind } from '../errors/problem-types';
import type { RouteMetrics } from '../observability/api-metrics';
import type { ResponseHeaderName } from './response-headers';

/**
 * A route's whole contract, in one object: what it is (method, path, handler module), who may call it
 * (API key, bearer token, per-IP limit), what it accepts (path, headers, query and body schemas per
 * version), what it answers (success answers with their headers; the problems its features imply plus the
 * ones it declares), and what it may touch (tables, secret). The CDK stack, the local gateway, the handler
 * factory and the OpenAPI generator all read it; none of them knows any route by name.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A DynamoDB action as IAM names it (`dynamodb:<action>`), among those the functions call. A transaction
 * (`TransactWriteItems`) is authorized per part: PutItem, UpdateItem, DeleteItem or ConditionCheckItem on
 * each item's table. Scan, the batch calls and PartiQL are not here because no function may use them.
 */
export type DynamoDbAction =
  'GetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheckItem';

/** The index names a table definition declares (local and global). */
export type IndexNameOf<T extends TableName> =
  | (typeof tableDefinitions)[T]['localIndexes'][number]['indexName']
  | (typeof tableDefinitions)[T]['globalIndexes'][number]['indexName'];

/**
 * What a function may do on one table, exactly as its code does it: the actions it calls on the table itself
 * (`Query` here means a Query of the table's own key), and the indexes it queries, by name. IAM grants these
 * and nothing else; the local gateway refuses any other call the same way (lib/local/dynamodb-access-guard.ts).
 */
export interface TableAccess<Index extends string = string> {
  readonly actions: readonly DynamoDbAction[];
  /** Indexes the function Queries (the only call it makes on an index). */
  readonly indexes?: readonly Index[];
}

/** Per table, what the function may do there; a table not listed is out of reach. */
export type TablesAccess = { readonly [T in TableName]?: TableAccess<IndexNameOf<T>> };

/**
 * `no-store` for auth answers; `revalidate` (private, no-cache) for task answers; `public` for static files
 * every caller may share (the reference page's assets). Errors are always no-store.
 */
export type CachePolicy = 'no-store' | 'revalidate' | 'public';

/** The groups the reference lists operations under (one per resource); each has a description there. */
export type RouteTag = 'Meta' | 'Auth' | 'Users' | 'Tasks';

/** A per-client-IP limit enforced in the function: `limit` requests per fixed window of `windowSeconds`. */
export interface RateLimitPolicy {
  /** Policy name, as it appears in the RateLimit headers. */
  readonly name: string;
  readonly limit: number;
  readonly windowSeconds: number;
}

export const JSON_MEDIA_TYPE = 'application/json';
export const MERGE_PATCH_MEDIA_TYPE = 'application/merge-patch+json';
export type BodyMediaType = typeof JSON_MEDIA_TYPE | typeof MERGE_PATCH_MEDIA_TYPE;
/** What an answer's body may be besides JSON: the reference page and its files. */
export type TextMediaType = 'text/html' | 'text/css' | 'text/javascript';
export type AnswerMediaType = typeof JSON_MEDIA_TYPE | TextMediaType;

/** An object schema over named strings (path parameters, request headers). */
type StringsSchema = z.ZodMiniObject;

export interface RequestContract {
  /** Path parameters; a value that fails is a 404 whose detail is the schema's message. */
  readonly path?: StringsSchema;
  /**
   * Request headers the route reads, by their canonical name (matched case-insensitively); a malformed
   * one is a 400. Values are what the schema makes of them (a parsed key, a required version, ...).
   */
  readonly headers?: StringsSchema;
  /** The query string per version (strict: an unknown parameter is a 422). Without it, any parameter is. */
  readonly query?: Versioned<z.ZodMiniType>;
  /** The JSON body per version (strict), and the media types it may come as (JSON when omitted). */
  readonly body?: {
    readonly schema: Versioned<z.ZodMiniType>;
    readonly mediaTypes?: readonly BodyMediaType[];
  };
}

/**
 * A success answer: its status, body (a named response schema, resolved per version, sent as one of
 * `mediaTypes`: JSON when omitted) and headers.
 */
export interface SuccessAnswer {
  readonly status: number;
  readonly description: string;
  readonly body?: ResponseSchemaName;
  readonly mediaTypes?: readonly AnswerMediaType[];
  readonly headers?: readonly ResponseHeaderName[];
}

/** The signing-key sets a function may read (each is its own secret). */
export type KeySetAccess = 'token' | 'cursor';

export interface RouteAccess {
  readonly tables?: TablesAccess;
  readonly keySets?: readonly KeySetAccess[];
}

export interface RouteContract {
  /** Stable id: the OpenAPI operationId, the Lambda function's name and CloudFormation logical id. */
  readonly id: string;
  readonly method: HttpMethod;
  /** API Gateway resource path, `{name}` for path parameters. */
  readonly path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  /** One line for the reference; `tag` groups operations (one per resource). */
  readonly summary: string;
  /** What a client should know beyond the summary, in Markdown: the reference shows it under the summary. */
  readonly description: string;
  readonly tag: RouteTag;
  /** `jwt`: the bearer-token authorizer runs first and the function requires its user id. */
  readonly auth: 'none' | 'jwt';
  /** API Gateway `apiKeyRequired`: the key selects the caller's usage plan. */
  readonly apiKey: boolean;
  readonly cache: CachePolicy;
  readonly rateLimit?: RateLimitPolicy;
  readonly request?: RequestContract;
  readonly responses: readonly SuccessAnswer[];
  /** Problems this route answers beyond those its features imply (see `problemKindsOf`). */
  readonly errors?: readonly ProblemKind[];
  /** The API metric its successes (and, by problem kind, its refusals) count; derived by the middleware. */
  readonly metrics?: RouteMetrics;
  /**
   * Least privilege: the DynamoDB actions and indexes the function calls, per table, and the key sets it
   * reads (`token`: signs or verifies access tokens; `cursor`: signs and verifies list cursors). Only those
   * are given to it.
   */
  readonly access: RouteAccess;
  /**
   * Files of npm packages the function reads at run time (`node_modules/<package>/<file>`, from the
   * repository root). The stack ships each beside the function's bundle at the same path, so
   * `require.resolve('<package>/<file>')` finds it on Lambda as it does locally.
   */
  readonly runtimeFiles?: readonly string[];
  /** The function's memory (MB) when the environment's default does not fit its work (e.g. password hashing). */
  readonly memoryMb?: number;
}

/**
 * Every problem a route can answer: those its features imply (a body can be malformed, too large or of
 * the wrong type; a bearer token can be missing; a key can be throttled; a database can be unavailable)
 * and those it declares. Some come with the gateway itself, whatever the route: another method on its path
 * is a 405, the stage-wide throttle can answer 429, a body over the gateway's 10 MiB is a 413. A route
 * without a query schema still refuses unknown parameters, so 422 is always possible.
 */
export function problemKindsOf(route: RouteContract): ProblemKind[] {
  // The gateway refuses a request it cannot take with a 400 on any route; a body or header can be malformed.
  const kinds = new Set<ProblemKind>(['malformed-request']);
  if (route.auth === 'jwt') kinds.add('unauthorized');
  if (route.apiKey) kinds.add('forbidden');
  if (route.request?.path) kinds.add('not-found');
  kinds.add('method-not-allowed').add('payload-too-large');
  if (route.request?.body) kinds.add('unsupported-media-type');
  kinds.add('validation-error');
  kinds.add('rate-limited');
  if (route.apiKey) kinds.add('quota-exceeded');
  kinds.add('internal-error');
  if (Object.keys(route.access.tables ?? {}).length > 0 || (route.access.keySets ?? []).length > 0)
    kinds.add('service-unavailable');
  for (const kind of route.errors ?? []) kinds.add(kind);
  return [...kinds];
}

/** The media types a route's body may come as. */
export const bodyMediaTypes = (route: RouteContract): readonly BodyMediaType[] =>
  route.request?.body?.mediaTypes ?? [JSON_MEDIA_TYPE];
