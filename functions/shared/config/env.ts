import * as z from 'zod/mini';
import '../util/zod-messages';

/**
 * The functions' configuration, parsed once per cold start. A missing or malformed variable fails the
 * function at its first use with a message that names it, instead of a confusing error later. Table names
 * are not here: they are derived from the table definitions (`data/table-names.ts`); nor is what access
 * tokens are checked against (`token-config.ts`, read without zod for the authorizer's cold start), nor the
 * key sets (`auth/key-source.ts`).
 */
export const EnvSchema = z.object({
  /** Set locally (DynamoDB Local); unset in AWS. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  /**
   * scrypt's cost as log2(N): 17 is OWASP's minimum (N=2^17, r=8, p=1). The test suite sets 14 to stay
   * fast; never lower it in a deployment. Hashes made at another cost still verify and are re-hashed.
   */
  SCRYPT_LOG2_N: z._default(z.coerce.number().check(z.int(), z.gte(12), z.lte(20)), 17),
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** The parsed environment; throws a readable error naming every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid function configuration: ${describeIssues(parsed.error)}`);
  cached = parsed.data;
  return cached;
}

/** `NAME: message; NAME: message`, the form every configuration error in the functions takes. */
export function describeIssues(error: z.core.$ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
}
