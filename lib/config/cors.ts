/**
 * CORS at the gateway, described once for both gateways: the preflight (`OPTIONS` on every resource,
 * answered without key or token) and the CORS headers of every answer the gateway makes itself (401, 403,
 * 404, 405, 413, 429, 5XX). CDK renders these descriptions as API Gateway mappings (lib/infra/cors.ts); the
 * local gateway applies them to each request (lib/local). The functions stamp their own answers
 * (functions/shared/http/middleware/cors.ts).
 *
 * What API Gateway can express decides the shape. A gateway response's header is a static value or a copy
 * of a request header, nothing conditional; a MOCK integration (the preflight, the 405) may also override a
 * header from a VTL template, so it can echo an origin only when it is listed.
 */
import {
  formatCorsOrigins,
  parseCorsOrigins,
  type CorsOrigins,
} from '../../functions/shared/config/cors-origins';
import {
  CORS_ALLOW_HEADERS,
  CORS_EXPOSE_HEADERS,
  CORS_HEADER,
  CORS_MAX_AGE_SECONDS,
} from '../../functions/shared/http/cors';
import { SECURITY_HEADERS } from '../../functions/shared/http/security-headers';

export { formatCorsOrigins, parseCorsOrigins, type CorsOrigins };

/** `npm start` allows any origin unless `CORS_ORIGINS` says otherwise (on AWS the default is none). */
export const LOCAL_CORS_ORIGINS_DEFAULT = '*';

/** The local gateway's and functions' origins: `CORS_ORIGINS`, else any. */
export function localCorsOrigins(env: NodeJS.ProcessEnv = process.env): CorsOrigins {
  return parseCorsOrigins(env.CORS_ORIGINS ?? LOCAL_CORS_ORIGINS_DEFAULT);
}

/** Where a gateway-made header's value comes from: fixed, or copied from the request's header of that name. */
export type HeaderSource = { readonly value: string } | { readonly requestHeader: string };

/**
 * The CORS headers of a gateway response. `*` and a single origin are static values. With several origins
 * API Gateway cannot choose among them, so the answer copies the request's Origin, whatever it is: a page
 * from any origin can read the gateway's own error answers (a problem type, a fixed detail and a request
 * id; never a user's data). Function answers and preflights still honour the list exactly
 * (docs/DECISIONS.md, "Browser clients").
 */
export function gatewayResponseCorsHeaders(origins: CorsOrigins): Record<string, HeaderSource> {
  if (origins.kind === 'off') return {};
  const expose = { [CORS_HEADER.exposeHeaders]: { value: CORS_EXPOSE_HEADERS.join(', ') } };
  if (origins.kind === 'any') return { [CORS_HEADER.allowOrigin]: { value: '*' }, ...expose };
  const [only, ...others] = origins.origins;
  return {
    [CORS_HEADER.allowOrigin]:
      only !== undefined && others.length === 0 ? { value: only } : { requestHeader: 'Origin' },
    Vary: { value: 'Origin' },
    ...expose,
  };
}

/**
 * The CORS headers of a MOCK answer (preflight, 405): static values, with `Access-Control-Allow-Origin`
 * overridden by the request's Origin when it is one of `echoedOrigins` (a VTL template on AWS). An origin
 * not listed gets the first listed one, which its browser refuses.
 */
export interface MockCorsHeaders {
  readonly headers: Readonly<Record<string, string>>;
  readonly echoedOrigins: readonly string[];
}

export function mockCorsHeaders(origins: CorsOrigins): MockCorsHeaders {
  if (origins.kind === 'off') return { headers: {}, echoedOrigins: [] };
  const expose = { [CORS_HEADER.exposeHeaders]: CORS_EXPOSE_HEADERS.join(', ') };
  if (origins.kind === 'any')
    return { headers: { [CORS_HEADER.allowOrigin]: '*', ...expose }, echoedOrigins: [] };
  return {
    headers: { [CORS_HEADER.allowOrigin]: origins.origins[0] ?? '', Vary: 'Origin', ...expose },
    echoedOrigins: origins.origins.length > 1 ? origins.origins : [],
  };
}

/** The preflight's answer headers for a resource with these methods (before the Origin override). */
export function preflightCorsHeaders(origins: CorsOrigins, methods: readonly string[]): MockCorsHeaders {
  const mock = mockCorsHeaders(origins);
  const { [CORS_HEADER.exposeHeaders]: _expose, ...headers } = mock.headers; // only actual answers expose
  return {
    echoedOrigins: mock.echoedOrigins,
    headers: {
      ...SECURITY_HEADERS,
      ...headers,
      [CORS_HEADER.allowMethods]: methods.join(', '),
      [CORS_HEADER.allowHeaders]: CORS_ALLOW_HEADERS.join(', '),
      [CORS_HEADER.maxAge]: String(CORS_MAX_AGE_SECONDS),
    },
  };
}

/** The status of a preflight's answer. */
export const PREFLIGHT_STATUS = 204;

/**
 * The VTL that overrides `Access-Control-Allow-Origin` with the request's Origin when it is listed (API
 * Gateway's `$context.responseOverride`; the request's headers are `$input.params().header`, whose names
 * keep the client's case). Empty when nothing is echoed.
 */
export function originOverrideTemplate(echoedOrigins: readonly string[]): string {
  if (echoedOrigins.length === 0) return '';
  const condition = echoedOrigins.map((origin) => `$origin == "${origin}"`).join(' || ');
  return [
    '#set($origin = $input.params().header.get("Origin"))',
    '#if("$!origin" == "")#set($origin = $input.params().header.get("origin"))#end',
    `#if(${condition})#set($context.responseOverride.header.${CORS_HEADER.allowOrigin} = $origin)#end`,
    '',
  ].join('\n');
}

/** Local rendering: a header source's value for a request (undefined when it copies a header not sent). */
export function headerFromSource(
  source: HeaderSource,
  requestHeader: (name: string) => string | undefined,
): string | undefined {
  return 'value' in source ? source.value : requestHeader(source.requestHeader);
}

/** Local rendering of a MOCK's CORS headers for a request from `origin`. */
export function renderMockCorsHeaders(
  mock: MockCorsHeaders,
  origin: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = { ...mock.headers };
  if (origin !== undefined && mock.echoedOrigins.includes(origin)) headers[CORS_HEADER.allowOrigin] = origin;
  return headers;
}
