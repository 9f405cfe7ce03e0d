import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type { ApiVersion } from '../domain/api-version';

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
  body: unknown;
  query: unknown;
  /** Headers every response of this request carries (rate-limit state, ...), errors included. */
  responseHeaders: Record<string, string>;
}

export type ApiLambdaContext = Context & { api: ApiState };

/** The request as a handler sees it: parsed, validated, typed. */
export interface ApiRequest<Body = unknown, Query = unknown> {
  readonly event: APIGatewayProxyEvent;
  readonly version: ApiVersion;
  readonly requestId: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly userId: string;
  readonly body: Body;
  readonly query: Query;
  readonly pathParameters: Readonly<Record<string, string | undefined>>;
}
