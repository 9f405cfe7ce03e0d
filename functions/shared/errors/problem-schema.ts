import * as z from 'zod/mini';

/**
 * The RFC 9457 body every error carries; `errors` and `error_count` only on validation failures. Bounded, as the reference
 * promises: every string the API writes has a ceiling, and `errors` lists at most 20 entries.
 */
export const ProblemSchema = z.object({
  type: z.string().check(z.maxLength(200), z.regex(/^https:\/\//), z.meta({ format: 'uri' })),
  title: z.string().check(z.maxLength(100)),
  status: z.int().check(z.gte(400), z.lte(599), z.meta({ format: 'int32' })),
  detail: z.string().check(z.maxLength(1000)),
  /** The path the client called (stage included), so at most a request line long. */
  instance: z.optional(z.string().check(z.maxLength(8192), z.regex(/^\//))),
  request_id: z.optional(z.string().check(z.maxLength(64), z.regex(/^[A-Za-z0-9-]+$/))),
  errors: z.optional(
    z
      .array(
        z.object({
          field: z.string().check(z.maxLength(100)),
          message: z.string().check(z.maxLength(500)),
        }),
      )
      .check(z.maxLength(20)),
  ),
  /** With `errors`: how many problems the request had (only the first 20 are listed). */
  error_count: z.optional(z.int().check(z.minimum(1), z.maximum(100_000), z.meta({ format: 'int32' }))),
});

/** The problem body as sent (type only: rendering an error never loads zod). */
export type ProblemBody = z.infer<typeof ProblemSchema>;
