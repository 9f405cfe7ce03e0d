import fc from 'fast-check';

/**
 * Names a client can give a query parameter or a header that collide with JavaScript's own properties
 * (`__proto__`, `constructor`, `toString`, …), plus a few of Array's and Function's, the shapes a
 * multi-value map or a handler might trip over.
 */
export const PROTOTYPE_NAMES: readonly string[] = [
  ...new Set([
    ...Object.getOwnPropertyNames(Object.prototype),
    ...Object.getOwnPropertyNames(Array.prototype),
    ...Object.getOwnPropertyNames(Function.prototype),
  ]),
].filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));

/** Headers that mean something to the gateway or a function: a test of "any other name" leaves them out. */
const MEANINGFUL_HEADERS = new Set([
  'authorization',
  'x-api-key',
  'content-type',
  'content-length',
  'transfer-encoding',
  'host',
  'connection',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
  'if-match',
  'if-none-match',
  'idempotency-key',
  'origin',
  'x-test-source-ip',
]);

/** A header name: one of the prototype names, or a random HTTP token. */
export const headerName: fc.Arbitrary<string> = fc
  .oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,24}$/))
  .filter((name) => !MEANINGFUL_HEADERS.has(name.toLowerCase()));

/** A query parameter name: one of the prototype names, or any non-empty Unicode text not naming a real parameter. */
export const queryParameterName = (known: readonly string[]): fc.Arbitrary<string> =>
  fc
    .oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }))
    .filter((name) => !known.includes(name));

/** The parameters `GET /tasks` knows (either version). */
export const LIST_PARAMETERS = [
  'status',
  'priority',
  'tag',
  'due_before',
  'due_after',
  'q',
  'sort_by',
  'sort_order',
  'limit',
  'skip',
  'cursor',
  'include_total',
];
