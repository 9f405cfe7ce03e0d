import type * as z from 'zod/mini';
import { routes } from '../../functions/routes';
import { API_VERSIONS, DEPRECATIONS, type ApiVersion } from '../../functions/shared/domain/api-version';
import { bodyMediaTypes, type RouteContract } from '../../functions/shared/http/route-contract';
import { apiDescription, securitySchemes, tagDescriptions } from './api-description';
import { headerComponents, operationResponses } from './answers';
import {
  componentSchemas,
  jsonSchemaOf,
  requestSchemaName,
  schemaRef,
  type JsonSchema,
} from './component-schemas';

/**
 * The OpenAPI 3.1 document of one API version, generated from the route contracts and their zod schemas:
 * never written by hand, so it cannot drift from what the code accepts and answers. Nothing here knows a
 * route by name; every difference between operations comes from their contracts.
 */

/** Parameters of one location, from an object schema's properties (required ones marked). */
function parametersOf(
  schema: z.core.$ZodType | undefined,
  location: 'path' | 'header' | 'query',
): JsonSchema[] {
  if (!schema) return [];
  const rendered = jsonSchemaOf(schema, 'input');
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

function requestBodyOf(route: RouteContract, version: ApiVersion): JsonSchema | undefined {
  const body = route.request?.body;
  if (!body) return undefined;
  const schema = body.schema[version];
  const name = requestSchemaName(version, schema);
  return {
    required: true,
    content: Object.fromEntries(
      bodyMediaTypes(route).map((type) => [
        type,
        { schema: name ? schemaRef(name) : jsonSchemaOf(schema, 'input') },
      ]),
    ),
  };
}

function operation(route: RouteContract, version: ApiVersion): JsonSchema {
  const request = route.request ?? {};
  const parameters = [
    ...parametersOf(request.path, 'path'),
    ...parametersOf(request.headers, 'header'),
    ...parametersOf(request.query?.[version], 'query'),
  ];
  const requestBody = requestBodyOf(route, version);
  return {
    operationId: route.id,
    summary: route.summary,
    description: route.description,
    tags: [route.tag],
    ...(DEPRECATIONS[version] ? { deprecated: true } : {}),
    security: securityOf(route),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: operationResponses(route, version),
  };
}

export function openApiDocument(version: ApiVersion): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes)
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, version);
  const tags = [...new Set(routes.map((route) => route.tag))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Task API',
      version,
      summary: `Task API ${version}${DEPRECATIONS[version] ? ' (deprecated)' : ''}`,
      description: apiDescription(version),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      {
        url: `/${version}`,
        description: `The ${version} stage, on the host that serves this document`,
        'x-internal': false,
      },
    ],
    tags: tags.map((name) => ({ name, description: tagDescriptions[name] })),
    paths,
    components: {
      securitySchemes,
      headers: headerComponents(paths),
      schemas: componentSchemas(version),
    },
  };
}

/** Both versions' documents, by version. */
export const openApiDocuments = (): Record<ApiVersion, Record<string, unknown>> =>
  Object.fromEntries(API_VERSIONS.map((version) => [version, openApiDocument(version)])) as Record<
    ApiVersion,
    Record<string, unknown>
  >;
