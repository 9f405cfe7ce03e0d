/**
 * The route table: the one place that says which endpoints exist. The CDK stack turns each row into an
 * API Gateway method + a Lambda function; the local gateway turns it into its router. Adding an endpoint
 * is one row here plus one handler file.
 */
import type { TableName } from '../../functions/shared/data/table-definitions';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type TableAccess = 'read' | 'readwrite';

export interface RouteDefinition {
  /** Stable id: names the Lambda function and its CloudFormation logical id. */
  readonly id: string;
  readonly method: HttpMethod;
  /** API Gateway resource path, `{name}` for path parameters. */
  readonly path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  /** `jwt`: the bearer-token Lambda authorizer runs first. */
  readonly auth: 'none' | 'jwt';
  /** API Gateway `apiKeyRequired`: the key selects the caller's usage plan. */
  readonly apiKeyRequired: boolean;
  /** Least privilege: what the function may do on each table, nothing more. */
  readonly tables: Partial<Record<TableName, TableAccess>>;
  /** Needs the signing secret (JWTs, cursor HMAC). */
  readonly usesSigningSecret?: boolean;
}

export const routes = [
  {
    id: 'Health',
    method: 'GET',
    path: '/health',
    entry: 'functions/health/get.ts',
    auth: 'none',
    apiKeyRequired: false,
    tables: {},
  },
  {
    id: 'OpenApi',
    method: 'GET',
    path: '/openapi.json',
    entry: 'functions/docs/openapi.ts',
    auth: 'none',
    apiKeyRequired: false,
    tables: {},
  },
  {
    id: 'Register',
    method: 'POST',
    path: '/auth/register',
    entry: 'functions/auth/register.ts',
    auth: 'none',
    apiKeyRequired: true,
    tables: { tasks: 'readwrite', rateLimits: 'readwrite' },
  },
  {
    id: 'Login',
    method: 'POST',
    path: '/auth/login',
    entry: 'functions/auth/login.ts',
    auth: 'none',
    apiKeyRequired: true,
    tables: { tasks: 'read', rateLimits: 'readwrite' },
    usesSigningSecret: true,
  },
  {
    id: 'GetMe',
    method: 'GET',
    path: '/users/me',
    entry: 'functions/users/me.ts',
    auth: 'jwt',
    apiKeyRequired: true,
    tables: { tasks: 'read' },
  },
  {
    id: 'CreateTask',
    method: 'POST',
    path: '/tasks',
    entry: 'functions/tasks/create.ts',
    auth: 'jwt',
    apiKeyRequired: true,
    tables: { tasks: 'readwrite', idempotency: 'readwrite' },
  },
  {
    id: 'ListTasks',
    method: 'GET',
    path: '/tasks',
    entry: 'functions/tasks/list.ts',
    auth: 'jwt',
    apiKeyRequired: true,
    tables: { tasks: 'read' },
    usesSigningSecret: true,
  },
  {
    id: 'GetTask',
    method: 'GET',
    path: '/tasks/{id}',
    entry: 'functions/tasks/get.ts',
    auth: 'jwt',
    apiKeyRequired: true,
    tables: { tasks: 'read' },
  },
  {
    id: 'ReplaceTask',
    method: 'PUT',
    path: '/tasks/{id}',
    entry: 'functions/tasks/replace.ts',
    auth: 'jwt',
    apiKeyRequired: true,
    tables: { tasks: 'readwrite' },
  },
  {
    id: 'UpdateTask',
    method: 'PATCH',
    path: '/tasks/{id}',
    entry: 'functions/tasks/update.ts',
    auth: 'jwt',
    apiKeyRequired: true,
    tables: { tasks: 'readwrite' },
  },
  {
    id: 'DeleteTask',
    method: 'DELETE',
    path: '/tasks/{id}',
    entry: 'functions/tasks/delete.ts',
    auth: 'jwt',
    apiKeyRequired: true,
    tables: { tasks: 'readwrite' },
  },
] as const satisfies readonly RouteDefinition[];

export type RouteId = (typeof routes)[number]['id'];

/** The bearer-token authorizer: not a route, but deployed and run locally from this one definition. */
export const authorizer = {
  id: 'Authorizer',
  entry: 'functions/auth/authorizer.ts',
  /** API Gateway caches the authorizer's policy per token for this long. */
  resultsCacheTtlSeconds: 300,
  identityHeader: 'Authorization',
} as const;

/** The stages (= API versions) that both the gateway and the local server expose. */
export const stages = ['v1', 'v2'] as const;

/** The distinct resource paths and the methods each allows (405 responses carry `Allow` from this). */
export function methodsByPath(): Map<string, HttpMethod[]> {
  const byPath = new Map<string, HttpMethod[]>();
  for (const route of routes) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route.method]);
  return byPath;
}
