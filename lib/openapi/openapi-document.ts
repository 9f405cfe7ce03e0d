import { z } from 'zod';
import type { ApiVersion } from '../../functions/shared/domain/api-version';
import type { HandlerContract } from '../../functions/shared/http/http-handler';
import { ProblemSchema } from '../../functions/shared/http/problem-schema';
import { routes } from '../config/routes';

/**
 * The OpenAPI 3.1 document of one API version, generated from the route table and the zod schemas each
 * handler declares (its `contract`): never written by hand, so it cannot drift from what the code accepts.
 */
type Loader = (entry: string) => Promise<{ handler: { contract: HandlerContract } }>;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
};

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** Errors every route can answer, plus the ones its features add. */
function errorResponses(route: (typeof routes)[number], contract: HandlerContract): Record<string, unknown> {
  const responses: Record<string, unknown> = {
    '404': problem('Unknown route, or a task that does not exist or is not yours'),
    '500': problem('Unexpected error; quote request_id'),
    '503': problem('The database is unavailable or throttling; retry after Retry-After'),
  };
  if (route.apiKeyRequired) {
    responses['403'] = problem('Missing or unknown x-api-key');
    responses['429'] = problem('Throttled or over quota (usage plan, or per-IP on /auth/*); see Retry-After');
  }
  if (contract.auth) responses['401'] = problem('Missing, malformed, expired or wrongly signed bearer token');
  if (contract.body || contract.query) responses['422'] = problem('Validation failed; see errors[]');
  if (contract.body) {
    responses['400'] = problem('Malformed JSON or header');
    responses['413'] = problem('Body larger than 64 KiB');
    responses['415'] = problem('Body is not JSON');
  }
  if (route.path.includes('{id}') && route.method !== 'GET')
    responses['412'] = problem('If-Match does not match the current ETag');
  if (route.id === 'Register') responses['409'] = problem('Email already registered');
  if (route.id === 'CreateTask')
    responses['409'] = problem('A request with this Idempotency-Key is still in flight');
  return responses;
}

/** The optional request headers a route honours (idempotency, conditional requests). */
function conditionalHeaders(route: (typeof routes)[number]): Record<string, unknown>[] {
  const header = (name: string, description: string) => ({
    name,
    in: 'header',
    required: false,
    description,
    schema: { type: 'string' },
  });
  if (route.id === 'CreateTask')
    return [
      header('Idempotency-Key', '1..255 printable ASCII, bare or quoted; replays the first answer for 24 h'),
    ];
  if (!route.path.includes('{id}')) return [];
  return route.method === 'GET'
    ? [header('If-None-Match', 'An ETag: 304 when it is current')]
    : [header('If-Match', 'An ETag: 412 unless it is current')];
}

/** One requirement object: all the route's schemes at once (key AND token), or none (public). */
function securityOf(apiKey: boolean, bearer: boolean): Record<string, string[]>[] {
  const requirement: Record<string, string[]> = {};
  if (apiKey) requirement.apiKey = [];
  if (bearer) requirement.bearer = [];
  return Object.keys(requirement).length > 0 ? [requirement] : [];
}

export async function openApiDocument(version: ApiVersion, load: Loader): Promise<Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const { contract } = (await load(route.entry)).handler;
    const query = contract.query ? jsonSchema(contract.query[version], 'input') : undefined;
    const parameters = [
      ...(route.path.includes('{id}')
        ? [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]
        : []),
      ...conditionalHeaders(route),
      ...Object.entries((query?.properties ?? {}) as Record<string, unknown>).map(([name, schema]) => ({
        name,
        in: 'query',
        required: false,
        schema,
      })),
    ];
    const bodyTypes = contract.mergePatch
      ? ['application/json', 'application/merge-patch+json']
      : ['application/json'];
    const success = contract.success;
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.id,
      security: securityOf(route.apiKeyRequired, contract.auth),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(contract.body
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                bodyTypes.map((type) => [type, { schema: jsonSchema(contract.body![version], 'input') }]),
              ),
            },
          }
        : {}),
      responses: {
        [String(success.status)]: {
          description: success.description,
          ...(success.body
            ? { content: { 'application/json': { schema: jsonSchema(success.body[version], 'output') } } }
            : {}),
        },
        ...errorResponses(route, contract),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Task API',
      version,
      description:
        "Generated from lib/config/routes.ts and the handlers' zod schemas by `npm run openapi`. Errors are RFC 9457 problem+json.",
    },
    servers: [{ url: `/${version}` }],
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
      schemas: { Problem: jsonSchema(ProblemSchema, 'output') },
    },
    paths,
  };
}
