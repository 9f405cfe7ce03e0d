import { env } from '../config/env';

/** Physical table names, from the environment the stack (or the local bootstrap) sets. */
export const tables = {
  get tasks(): string {
    return env().TASKS_TABLE;
  },
  get idempotency(): string {
    return env().IDEMPOTENCY_TABLE;
  },
  get rateLimits(): string {
    return env().RATE_LIMIT_TABLE;
  },
};
