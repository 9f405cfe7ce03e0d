import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { ApiVersion } from '../domain/api-version';
import type { RouteContract } from './route-contract';

/** What the middleware learns about a request, handed to the handler as its `ApiRequest`. */
export interface ApiState {
  version: ApiVersion;
  requestId: string;
  /** The path the client called, stage included (`/v2/tasks/01J…`): problem `instance`, links. */
  path: string;
  /** Request headers with lower-cased names (HTTP header names are case-insensitive). */
  headers: Record<string, string>;
  /** The authenticated user (from the authorizer's context), '' on public routes. */
  userId: string;
  /** When the bearer token was issued, epoch ms (from the authorizer's context); 0 on public routes. */
  tokenIssuedAt: number;
  body: unknown;
  query: unknown;
  params: unknown;
  /** The route's declared request headers, as their schemas parsed them. */
  requestHeaders: unknown;
  /** Headers every response of this request carries (rate-limit state, ...), errors included. */
  responseHeaders: Record<string, string>;
}

export type ApiLambdaContext = Context & { api: ApiState };

/** What a versioned schema pair yields: the output of either version's schema. */
type OutputOf<S> = S extends { readonly v1: infer V1; readonly v2: infer V2 }
  ? z.output<V1> | z.output<V2>
  : undefined;
type Request<C extends RouteContract> = NonNullable<C['request']>;
type BodyOf<C extends RouteContract> = Request<C>['body'] extends { readonly schema: infer S }
  ? OutputOf<S>
  : undefined;
type SchemaOutput<S> = S extends z.ZodMiniObject ? z.output<S> : Record<string, never>;

/** The request as a handler sees it: parsed, validated and typed by its route's contract. */
export interface ApiRequest<C extends RouteContract = RouteContract> {
  readonly event: APIGatewayProxyEvent;
  readonly version: ApiVersion;
  readonly requestId: string;
  /** The path the client called, stage included: a problem's `instance`, the base of links. */
  readonly path: string;
  readonly userId: string;
  /** When the bearer token was issued, epoch ms; 0 on public routes. */
  readonly tokenIssuedAt: number;
  readonly body: BodyOf<C>;
  readonly query: OutputOf<Request<C>['query']>;
  readonly params: SchemaOutput<Request<C>['path']>;
  readonly headers: SchemaOutput<Request<C>['headers']>;
}
