import { DEPRECATIONS, type ApiVersion } from '../../functions/shared/domain/api-version';
import { problemTypes, problemTypeUri, type ProblemKind } from '../../functions/shared/errors/problem-types';
import {
  JSON_MEDIA_TYPE,
  problemKindsOf,
  type RouteContract,
  type SuccessAnswer,
} from '../../functions/shared/http/route-contract';
import { PROBLEM_CONTENT_TYPE } from '../../functions/shared/http/response';
import { schemaRef, type JsonSchema } from './component-schemas';
import { responseHeaders, type HeaderName } from './response-headers';

/**
 * Every answer of one operation, as OpenAPI response objects: its success answers and, per status, the
 * problems it can answer, each with exactly the headers it carries. Which headers an answer carries depends
 * on who made it: the gateway's own answers (a missing key, a throttle, another method, …) carry only what
 * every answer carries, so a header a function always sends is optional where the gateway may answer too.
 */

/** On every answer, whoever made it (the CORS pair only for an allowed origin). */
const EVERY_ANSWER: readonly HeaderName[] = [
  'Cache-Control',
  'Strict-Transport-Security',
  'X-Content-Type-Options',
  'x-amzn-RequestId',
  'Access-Control-Allow-Origin',
  'Access-Control-Expose-Headers',
];

/** On every answer a function makes: its request id, a deprecated version's signals, per-IP limit state. */
function functionHeaders(route: RouteContract, version: ApiVersion): HeaderName[] {
  return [
    'X-Request-Id',
    ...(DEPRECATIONS[version] ? (['Deprecation', 'Link', 'Sunset'] as const) : []),
    ...(route.rateLimit ? (['RateLimit', 'RateLimit-Policy'] as const) : []),
  ];
}

/** What a problem of each kind carries besides the headers of whoever made it. */
const PROBLEM_HEADERS: Partial<Record<ProblemKind, readonly HeaderName[]>> = {
  unauthorized: ['WWW-Authenticate'],
  'method-not-allowed': ['Allow'],
  'rate-limited': ['Retry-After'],
  'quota-exceeded': ['Retry-After'],
  'idempotency-in-flight': ['Retry-After'],
  'edit-conflict': ['Retry-After'],
  'login-throttled': ['Retry-After'],
  'service-unavailable': ['Retry-After'],
};

/** Problems only the gateway answers (no function ever throws them). */
const GATEWAY_ONLY: ReadonlySet<ProblemKind> = new Set(['forbidden', 'quota-exceeded', 'method-not-allowed']);

/**
 * The problems the gateway itself may answer on this route, as the request pipeline runs (locally as on
 * AWS): its 400 for a request it cannot take, the authorizer's 401, the key's 403, the plan's and the stage's
 * 429, another method's 405, a body over its 10 MiB (413), and its own 5XX.
 */
function gatewayAnswers(route: RouteContract): ReadonlySet<ProblemKind> {
  const kinds = new Set<ProblemKind>([
    // DEFAULT_4XX: a request it cannot take (another method with a content type its 405 mock has no
    // template for, an unparseable request).
    'malformed-request',
    'method-not-allowed',
    'rate-limited',
    'payload-too-large',
    'internal-error',
  ]);
  if (route.auth === 'jwt') kinds.add('unauthorized');
  if (route.apiKey) kinds.add('forbidden').add('quota-exceeded');
  return kinds;
}

/** The per-IP counter is the first read: these problems may come before it answered (no RateLimit yet). */
const BEFORE_THE_COUNT: ReadonlySet<ProblemKind> = new Set(['service-unavailable', 'internal-error']);
const RATE_LIMIT_HEADERS: ReadonlySet<HeaderName> = new Set(['RateLimit', 'RateLimit-Policy']);

/**
 * A response's header objects, by reference: `#/components/headers/<name>` where the header has its usual
 * presence, `<name>.required` / `<name>.optional` where it differs (see `headerComponents`).
 */
function headerObjects(entries: readonly (readonly [HeaderName, boolean])[]): Record<string, JsonSchema> {
  return Object.fromEntries(
    entries.map(([name, required]) => [
      name,
      { $ref: `#/components/headers/${headerComponentName(name, required)}` },
    ]),
  );
}

const headerComponentName = (name: HeaderName, required: boolean): string =>
  required === responseHeaders[name].required ? name : `${name}.${required ? 'required' : 'optional'}`;

/** The header components that `responses` refer to, each with the presence its name says. */
export function headerComponents(responses: unknown): Record<string, JsonSchema> {
  const referenced = new Set(
    [...JSON.stringify(responses).matchAll(/"#\/components\/headers\/([^"]+)"/g)].map((match) => match[1]),
  );
  return Object.fromEntries(
    (Object.keys(responseHeaders) as HeaderName[]).flatMap((name) =>
      [true, false].flatMap((required) => {
        const component = headerComponentName(name, required);
        return referenced.has(component) ? [[component, { ...responseHeaders[name], required }]] : [];
      }),
    ),
  );
}

const usual = (names: readonly HeaderName[]) =>
  names.map((name) => [name, responseHeaders[name].required] as const);

function successResponse(route: RouteContract, version: ApiVersion, answer: SuccessAnswer): JsonSchema {
  const body = answer.body;
  return {
    description: answer.description,
    headers: headerObjects(
      usual([...EVERY_ANSWER, ...functionHeaders(route, version), ...(answer.headers ?? [])]),
    ),
    ...(body
      ? {
          content: Object.fromEntries(
            (answer.mediaTypes ?? [JSON_MEDIA_TYPE]).map((type) => [type, { schema: schemaRef(body) }]),
          ),
        }
      : {}),
  };
}

/** One status's problems: a Problem whose `type` is one of these kinds. */
function problemResponse(
  route: RouteContract,
  version: ApiVersion,
  status: number,
  kinds: ProblemKind[],
): JsonSchema {
  const gateway = gatewayAnswers(route);
  const byFunction = kinds.some((kind) => !GATEWAY_ONLY.has(kind));
  const onlyByFunction = kinds.every((kind) => !gateway.has(kind));
  const beforeTheCount = kinds.some((kind) => BEFORE_THE_COUNT.has(kind));
  const fromFunction = byFunction
    ? functionHeaders(route, version).map(
        (name) =>
          [
            name,
            responseHeaders[name].required &&
              onlyByFunction &&
              !(RATE_LIMIT_HEADERS.has(name) && beforeTheCount),
          ] as const,
      )
    : [];
  const specific = [...new Set(kinds.flatMap((kind) => PROBLEM_HEADERS[kind] ?? []))].map(
    (name) => [name, kinds.every((kind) => PROBLEM_HEADERS[kind]?.includes(name))] as const,
  );
  return {
    description: kinds.map((kind) => `${problemTypes[kind].title} (\`${kind}\`)`).join('; '),
    headers: headerObjects([...usual(EVERY_ANSWER), ...fromFunction, ...specific]),
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: {
          allOf: [
            schemaRef('Problem'),
            {
              properties: {
                type: { enum: kinds.map(problemTypeUri) },
                status: { const: status },
              },
            },
          ],
        },
      },
    },
  };
}

/** Every answer of the route in this version's document, by status code. */
export function operationResponses(route: RouteContract, version: ApiVersion): Record<string, JsonSchema> {
  const byStatus = new Map<number, ProblemKind[]>();
  for (const kind of problemKindsOf(route)) {
    const { status } = problemTypes[kind];
    byStatus.set(status, [...(byStatus.get(status) ?? []), kind]);
  }
  return {
    ...Object.fromEntries(
      route.responses.map((answer) => [String(answer.status), successResponse(route, version, answer)]),
    ),
    ...Object.fromEntries(
      [...byStatus]
        .sort(([a], [b]) => a - b)
        .map(([status, kinds]) => [String(status), problemResponse(route, version, status, kinds)]),
    ),
  };
}
