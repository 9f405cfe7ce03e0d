import type * as z from 'zod/mini';
import type { Versioned } from '../../functions/shared/domain/api-version';
import {
  TaskPatchV1Schema,
  TaskPatchV2Schema,
  TaskWriteV1Schema,
  TaskWriteV2Schema,
} from '../../functions/shared/domain/task-schemas';
import { LoginBodySchema, RegisterBodySchema } from '../../functions/shared/domain/user-schemas';

/**
 * The request bodies each version's document names (a contract's body schema is looked up here by
 * identity; one that is not named is written inline). Like the response schemas, each version names its
 * own shapes alike: `TaskWrite` is v1's writable fields in the v1 document and v2's in the v2 document.
 */
export const requestSchemas = {
  v1: {
    TaskWrite: TaskWriteV1Schema,
    TaskPatch: TaskPatchV1Schema,
    Registration: RegisterBodySchema,
    Credentials: LoginBodySchema,
  },
  v2: {
    TaskWrite: TaskWriteV2Schema,
    TaskPatch: TaskPatchV2Schema,
    Registration: RegisterBodySchema,
    Credentials: LoginBodySchema,
  },
} satisfies Versioned<Record<string, z.core.$ZodType>>;
