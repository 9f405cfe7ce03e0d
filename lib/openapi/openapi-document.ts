import * as z from 'zod/mini';
import { routes } from '../../functions/routes';
import type { ApiVersion } from '../../functions/shared/domain/api-version';
import { responseSchemas } from '../../functions/shared/domain/response-schemas';
import { problemTypes, type ProblemKind } from '../../functions/shared/errors/problem-types';
import {
  bodyMediaTypes,
  problemKindsOf,
  type RouteContract,
  type SuccessAnswer,
} from '../../functions/shared/http/route-contract';
import { responseHeaders } from './response-headers';

/**
 * The OpenAPI 3.1 document of one API version, generated from the route contracts and their zod schemas:
 * never written by hand, so it cannot drift from what the code accepts and answers. Nothing here knows a
 * route by name; every difference between operations comes from their contracts.
 */
type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
};

const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** Every answer a function produces carries the gateway's request id. */
const FUNCTION_HEADERS = ['X-Request-Id'] as const;

/** Headers an error of this kind carries besides the request id. */
const PROBLEM_HEADERS: Partial<Record<ProblemKind, readonly (keyof typeof responseHeaders)[]>> = {
  unauthorized: ['WWW-Authenticate'],
  'rate-limited': ['Retry-After'],
  'login-throttled': ['Retry-After'],
  'quota-exceeded': ['Retry-After'],
  'idempotency-in-flight': ['Retry-After'],
  'edit-conflict': ['Retry-After'],
  'service-unavailable': ['Retry-After'],
};

function successResponse(answer: SuccessAnswer): JsonSchema {
  const headers = [...FUNCTION_HEADERS, ...(answer.headers ?? [])];
  return {
    description: answer.description,
    headers: Object.fromEntries(headers.map((name) => [name, headerRef(name)])),
    ...(answer.body ? { content: { 'application/json': { schema: schemaRef(answer.body) } } } : {}),
  };
}

/** The route's problem answers, one response per status, naming each problem type it may carry. */
function problemResponses(route: RouteContract): Record<string, JsonSchema> {
  const byStatus = new Map<number, ProblemKind[]>();
  for (const kind of problemKindsOf(route)) {
    const { status } = problemTypes[kind];
    byStatus.set(status, [...(byStatus.get(status) ?? []), kind]);
  }
  const responses: Record<string, JsonSchema> = {};
  for (const [status, kinds] of [...byStatus].sort(([a], [b]) => a - b)) {
    const headers = new Set<string>([
      ...FUNCTION_HEADERS,
      ...kinds.flatMap((kind) => PROBLEM_HEADERS[kind] ?? []),
    ]);
    responses[String(status)] = {
      description: kinds.map((kind) => `${problemTypes[kind].title} (\`${kind}\`)`).join('; '),
      headers: Object.fromEntries([...headers].map((name) => [name, headerRef(name)])),
      content: { 'application/problem+json': { schema: schemaRef('Problem') } },
    };
  }
  return responses;
}

/** Parameters of one location, from an object schema's properties (required ones marked). */
function parametersOf(
  schema: z.core.$ZodType | undefined,
  location: 'path' | 'header' | 'query',
): JsonSchema[] {
  if (!schema) return [];
  const rendered = jsonSchema(schema, 'input');
  const properties = (rendered.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((rendered.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: propertySchema,
    };
  });
}

/** One requirement object: all the route's schemes at once (key AND token), or none (public). */
function securityOf(route: RouteContract): Record<string, string[]>[] {
  const requirement: Record<string, string[]> = {};
  if (route.apiKey) requirement.apiKey = [];
  if (route.auth === 'jwt') requirement.bearer = [];
  return Object.keys(requirement).length > 0 ? [requirement] : [];
}

function operation(route: RouteContract, version: ApiVersion): JsonSchema {
  const request = route.request ?? {};
  const parameters = [
    ...parametersOf(request.path, 'path'),
    ...parametersOf(request.headers, 'header'),
    ...parametersOf(request.query?.[version], 'query'),
  ];
  const body = request.body;
  return {
    operationId: route.id,
    summary: route.summary,
    tags: [route.tag],
    security: securityOf(route),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              bodyMediaTypes(route).map((type) => [
                type,
                { schema: jsonSchema(body.schema[version], 'input') },
              ]),
            ),
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(
        route.responses.map((answer) => [String(answer.status), successResponse(answer)]),
      ),
      ...problemResponses(route),
    },
  };
}

export function openApiDocument(version: ApiVersion): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes)
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, version);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Task API',
      version,
      description:
        'Generated from the route contracts (functions/**/*.contract.ts) and their zod schemas by `npm run openapi`. Errors are RFC 9457 problem+json.',
    },
    servers: [{ url: `/${version}` }],
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
      headers: responseHeaders,
      schemas: Object.fromEntries(
        Object.entries(responseSchemas[version] as Record<string, z.core.$ZodType>).map(([name, schema]) => [
          name,
          jsonSchema(schema, 'output'),
        ]),
      ),
    },
    paths,
  };
}
