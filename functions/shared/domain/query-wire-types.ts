import * as z from 'zod/mini';

/**
 * What a query parameter carries when its schema parses it out of the query string's text: an integer or
 * a boolean. The OpenAPI generator documents such a parameter with this type, bounds and default instead of
 * the string the schema reads, so a generated client sends `limit: 3` and `include_total: true` (OpenAPI's
 * query serialization writes them as `3` and `true`). Validation and its messages stay the schema's own.
 */
export type WireType =
  | { readonly type: 'integer'; readonly minimum: number; readonly maximum: number; readonly default: number }
  | { readonly type: 'boolean'; readonly default: boolean };

export const queryWireTypes = z.registry<WireType>();

/** Registers what `schema` carries on the wire and returns it, so a definition reads in one expression. */
export function carries<S extends z.core.$ZodType>(schema: S, wire: WireType): S {
  queryWireTypes.add(schema, wire);
  return schema;
}
