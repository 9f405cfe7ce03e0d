import { z } from 'zod';

/**
 * The functions' configuration, parsed once per cold start. A missing or malformed variable fails the
 * function at load with a message that names it, instead of a confusing error on the first request.
 */
const EnvSchema = z
  .object({
    TASKS_TABLE: z.string().min(1),
    IDEMPOTENCY_TABLE: z.string().min(1),
    RATE_LIMIT_TABLE: z.string().min(1),
    /** Set locally (DynamoDB Local); unset in AWS. */
    DYNAMODB_ENDPOINT: z.url().optional(),
    AWS_REGION: z.string().min(1).default('us-east-1'),
    /** Local: the signing secret itself. AWS: SIGNING_SECRET_ARN names it in Secrets Manager. */
    SIGNING_SECRET: z.string().min(32).optional(),
    SIGNING_SECRET_ARN: z.string().min(1).optional(),
    JWT_ISSUER: z.string().min(1).default('task-api'),
    JWT_AUDIENCE: z.string().min(1).default('task-api-clients'),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  })
  .refine((env) => env.SIGNING_SECRET !== undefined || env.SIGNING_SECRET_ARN !== undefined, {
    message: 'set SIGNING_SECRET (local) or SIGNING_SECRET_ARN (AWS Secrets Manager)',
    path: ['SIGNING_SECRET'],
  });

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** The parsed environment; throws a readable error naming every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid function configuration: ${problems.join('; ')}`);
  }
  cached = parsed.data;
  return cached;
}
