/**
 * The answers API Gateway gives on its own (no function ran), as RFC 9457 problem+json. CDK deploys each
 * as a gateway response; the local gateway renders the same template with the same values, so a client
 * sees the same bytes locally and on AWS. Gateway responses can only carry static headers: Retry-After
 * values are fixed here (1 s for a throttle; 60 s for a spent quota, an invitation to back off, since the
 * quota period ends at midnight UTC at the latest). Each is sent with its problem's status, also the
 * DEFAULT_4XX/5XX families (400/500), so a body's `status` always equals the HTTP status.
 */
import { problemBody } from '../../functions/shared/errors/problem-body';
import { problemTypes, type ProblemKind } from '../../functions/shared/errors/problem-types';
import { SECURITY_HEADERS } from '../../functions/shared/http/security-headers';

export type GatewayResponseType =
  | 'UNAUTHORIZED'
  | 'ACCESS_DENIED'
  | 'INVALID_API_KEY'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'THROTTLED'
  | 'QUOTA_EXCEEDED'
  | 'REQUEST_TOO_LARGE'
  | 'DEFAULT_4XX'
  | 'DEFAULT_5XX';

export interface GatewayResponseDefinition {
  readonly type: GatewayResponseType;
  readonly kind: ProblemKind;
  readonly detail: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Headers on every gateway-made error, as on every function response. */
export const GATEWAY_COMMON_HEADERS = {
  'Content-Type': 'application/problem+json',
  ...SECURITY_HEADERS,
  'Cache-Control': 'no-store',
} as const;

const bearerRequired = {
  kind: 'unauthorized',
  detail: 'A valid bearer token is required',
  headers: { 'WWW-Authenticate': 'Bearer' },
} as const;

export const gatewayResponses: readonly GatewayResponseDefinition[] = [
  { type: 'UNAUTHORIZED', ...bearerRequired },
  // A Deny from the authorizer is a bad token too: the same 401, never a 403 that hints at a resource.
  { type: 'ACCESS_DENIED', ...bearerRequired },
  { type: 'INVALID_API_KEY', kind: 'forbidden', detail: 'A valid x-api-key header is required', headers: {} },
  { type: 'MISSING_AUTHENTICATION_TOKEN', kind: 'not-found', detail: 'No such route', headers: {} },
  {
    type: 'THROTTLED',
    kind: 'rate-limited',
    detail: "The API key's request rate is over its plan's limit",
    headers: { 'Retry-After': '1' },
  },
  {
    type: 'QUOTA_EXCEEDED',
    kind: 'quota-exceeded',
    detail: "The API key's request quota for the period is spent",
    headers: { 'Retry-After': '60' },
  },
  { type: 'REQUEST_TOO_LARGE', kind: 'payload-too-large', detail: 'The request is too large', headers: {} },
  {
    type: 'DEFAULT_4XX',
    kind: 'malformed-request',
    detail: 'The request was rejected by the gateway',
    headers: {},
  },
  {
    type: 'DEFAULT_5XX',
    kind: 'internal-error',
    detail: 'The gateway could not complete the request',
    headers: {},
  },
];

/** The gateway's request id in a response template (VTL); the local gateway substitutes its own. */
export const REQUEST_ID = '$context.requestId';

/** The VTL body template deployed for a gateway response; `$context.requestId` is filled in by the gateway. */
export function gatewayResponseTemplate(definition: GatewayResponseDefinition): string {
  return JSON.stringify(problemBody(definition.kind, definition.detail, { requestId: REQUEST_ID }));
}

/** The same body, rendered locally with the local request's values. */
export function renderGatewayResponse(
  type: GatewayResponseType,
  requestId: string,
): { statusCode: number; headers: Record<string, string>; body: string } {
  const definition = gatewayResponses.find((response) => response.type === type);
  if (!definition) throw new Error(`No gateway response ${type}`);
  const statusCode = problemTypes[definition.kind].status;
  return {
    statusCode,
    headers: { ...GATEWAY_COMMON_HEADERS, ...definition.headers },
    body: gatewayResponseTemplate(definition).replace(REQUEST_ID, requestId),
  };
}
