import * as z from 'zod/mini';
import type { ApiVersion } from '../../functions/shared/domain/api-version';
import { queryWireTypes } from '../../functions/shared/domain/query-wire-types';
import { responsePartSchemas, responseSchemas } from '../../functions/shared/domain/response-schemas';
import { requestSchemas } from './request-schemas';

/**
 * The documents' JSON Schemas, rendered from the zod schemas: named components (responses, request bodies
 * and the parts both share) referenced with `$ref` wherever they appear, and inline schemas for parameters.
 */
export type JsonSchema = Record<string, unknown>;

export const schemaRef = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

type Override = NonNullable<NonNullable<Parameters<typeof z.toJSONSchema>[1]>['override']>;

/**
 * A query parameter that the schema parses out of text is documented by what it carries (see
 * `queryWireTypes`): `limit` as an integer 1..100, `include_total` as a boolean.
 */
const documentWireTypes: Override = ({ zodSchema, jsonSchema }) => {
  const wire = queryWireTypes.get(zodSchema);
  if (!wire) return;
  const { description } = jsonSchema;
  for (const key of Object.keys(jsonSchema)) delete (jsonSchema as JsonSchema)[key];
  Object.assign(
    jsonSchema,
    wire.type === 'integer' ? { ...wire, format: 'int32' } : { ...wire },
    typeof description === 'string' ? { description } : {},
  );
};

const withoutDialect = ({ $schema: _schema, $id: _id, ...rest }: JsonSchema): JsonSchema => rest;

/** One schema, inline (parameters, unnamed bodies): what a client sends (`input`) or receives (`output`). */
export function jsonSchemaOf(schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema {
  return withoutDialect(z.toJSONSchema(schema, { io, unrepresentable: 'any', override: documentWireTypes }));
}

function rendered(
  named: Record<string, z.core.$ZodType>,
  io: 'input' | 'output',
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    io,
    unrepresentable: 'any',
    override: documentWireTypes,
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, withoutDialect(schema)]));
}

/**
 * Every named schema of a version's document. Answers render as sent (`output`), bodies as accepted
 * (`input`); a part that bodies use too (a task's status, …) must render alike either way.
 */
export function componentSchemas(version: ApiVersion): Record<string, JsonSchema> {
  const parts: Record<string, z.core.$ZodType> = responsePartSchemas[version];
  const bodies: Record<string, z.core.$ZodType> = requestSchemas[version];
  const outputs = rendered({ ...responseSchemas[version], ...parts }, 'output');
  const inputs = rendered({ ...bodies, ...parts }, 'input');
  const usedByBodies = JSON.stringify(Object.keys(bodies).map((name) => inputs[name]));
  for (const name of Object.keys(parts)) {
    if (!usedByBodies.includes(`"#/components/schemas/${name}"`)) continue;
    if (JSON.stringify(outputs[name]) !== JSON.stringify(inputs[name]))
      throw new Error(`${name} renders differently in requests and answers: name it twice or not at all`);
  }
  return { ...outputs, ...Object.fromEntries(Object.keys(bodies).map((name) => [name, inputs[name] ?? {}])) };
}

/** The name a version's document gives this request body schema, if any. */
export function requestSchemaName(version: ApiVersion, schema: z.core.$ZodType): string | undefined {
  const named: Record<string, z.core.$ZodType> = requestSchemas[version];
  return Object.keys(named).find((name) => named[name] === schema);
}
