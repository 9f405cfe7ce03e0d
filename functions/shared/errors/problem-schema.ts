import * as z from 'zod/mini';

/** The RFC 9457 body every error carries; `errors` and `error_count` only on validation failures. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  instance: z.optional(z.string()),
  request_id: z.optional(z.string()),
  errors: z.optional(
    z
      .array(z.object({ field: z.string().check(z.maxLength(100)), message: z.string() }))
      .check(z.maxLength(20)),
  ),
  /** With `errors`: how many problems the request had (only the first 20 are listed). */
  error_count: z.optional(z.int().check(z.minimum(1))),
});

/** The problem body as sent (type only: rendering an error never loads zod). */
export type ProblemBody = z.infer<typeof ProblemSchema>;
