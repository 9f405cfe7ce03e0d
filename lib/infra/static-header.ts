/**
 * A header value as an API Gateway static mapping: single-quoted, because an unquoted value is read as a
 * request expression (`method.request.header.X`). A value with a quote of its own cannot be expressed.
 */
export function staticHeader(value: string): string {
  if (value.includes("'")) throw new Error(`A static header value cannot contain a single quote: ${value}`);
  return `'${value}'`;
}
