import * as z from 'zod/mini';

/** The RFC 9457 body every error carries; `errors` only on validation failures. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  instance: z.optional(z.string()),
  request_id: z.optional(z.string()),
  errors: z.optional(z.array(z.object({ field: z.string(), message: z.string() }))),
});

/** The problem body as sent (type only: rendering an error never loads zod). */
export type ProblemBody = z.infer<typeof ProblemSchema>;
