import * as z from 'zod/mini';
import { CONTROL_CHARACTERS, WITHOUT_CONTROL_CHARACTERS } from '../util/control-characters';
import '../util/zod-messages';

/**
 * Task fields and request bodies, defined once. Types are inferred from these schemas; the OpenAPI
 * document is generated from them. Bodies are strict: unknown fields (and the other version's fields)
 * are a 422, never silently dropped.
 */
export const TASK_STATUSES = ['pending', 'in_progress', 'completed'] as const;
export const TASK_PRIORITIES = ['low', 'medium', 'high'] as const;

/** Server-made task ids are ULIDs (Crockford base32, 26 characters). */
const TASK_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * The `{id}` of a task path. Anything that cannot be an id is a task that does not exist: its message is
 * the 404's detail (no reason to tell the client more).
 */
export const TaskIdSchema = z
  .string()
  .check(z.regex(TASK_ID, 'Task was not found'), z.meta({ maxLength: 26, description: 'The task id' }));

export const TitleSchema = z.string().check(
  z.trim(),
  z.minLength(1, 'must not be empty'),
  z.maxLength(200, 'must be at most 200 characters'),
  z.refine((value) => !CONTROL_CHARACTERS.test(value), 'must not contain control characters'),
  z.meta({ pattern: WITHOUT_CONTROL_CHARACTERS }),
);

export const DescriptionSchema = z.nullable(
  z.string().check(z.maxLength(2000, 'must be at most 2000 characters')),
);
export const StatusSchema = z.enum(TASK_STATUSES);
export const PrioritySchema = z.enum(TASK_PRIORITIES);

/** `YYYY-MM-DD` that names a real day (no 2026-02-30). */
export const DueDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD'),
  z.meta({ format: 'date', maxLength: 10 }),
  z.refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'must be a real calendar date'),
);

export const TagSchema = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.regex(/^[a-z0-9_-]{1,30}$/, 'must be 1..30 characters of a-z, 0-9, _ or -'),
  // Documented as clients may send it: upper case is lower-cased on input.
  z.meta({ maxLength: 30, pattern: '^[A-Za-z0-9_-]{1,30}$' }),
);

export const TagsSchema = z.array(TagSchema).check(
  z.maxLength(10, 'must hold at most 10 tags'),
  z.meta({ uniqueItems: true }),
  z.refine((tags) => new Set(tags).size === tags.length, 'must not repeat a tag'),
);

export type TaskStatus = z.infer<typeof StatusSchema>;
export type TaskPriority = z.infer<typeof PrioritySchema>;

/** The task as the domain knows it (both versions' fields; the representation picks per version). */
export const TaskSchema = z.object({
  id: z.string(),
  owner_id: z.string(),
  title: z.string(),
  description: z.nullable(z.string()),
  status: StatusSchema,
  priority: PrioritySchema,
  due_date: z.nullable(z.string()),
  tags: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  /** Optimistic-concurrency counter; the ETag is derived from it. */
  version: z.int().check(z.positive()),
});
export type Task = z.infer<typeof TaskSchema>;

/** The fields a client can write (both versions'); a change is a subset of them. */
export type TaskFields = Partial<
  Pick<Task, 'title' | 'description' | 'status' | 'priority' | 'due_date' | 'tags'>
>;

const v1Writable = {
  title: TitleSchema,
  description: z.optional(DescriptionSchema),
  status: z.optional(StatusSchema),
};
const v2Writable = {
  ...v1Writable,
  priority: z.optional(PrioritySchema),
  due_date: z.optional(z.nullable(DueDateSchema)),
  tags: z.optional(TagsSchema),
};

/** POST and PUT bodies: the version's writable fields; omitted optional fields take their defaults. */
export const TaskWriteV1Schema = z.strictObject(v1Writable);
export const TaskWriteV2Schema = z.strictObject(v2Writable);
export type TaskWrite = z.infer<typeof TaskWriteV2Schema>;

/**
 * PATCH bodies (JSON Merge Patch): every field optional; `null` clears the nullable fields (description,
 * due_date); `null` on a non-nullable field is a 422. An empty patch is a 422 too: it would change nothing.
 */
const nonEmpty = <T extends object>(schema: z.ZodMiniType<T>) =>
  schema.check(
    z.refine((value) => Object.keys(value).length > 0, 'must change at least one field'),
    z.meta({ minProperties: 1 }),
  );
export const TaskPatchV1Schema = nonEmpty(z.partial(z.strictObject(v1Writable)));
export const TaskPatchV2Schema = nonEmpty(z.partial(z.strictObject(v2Writable)));
export type TaskPatch = z.infer<typeof TaskPatchV2Schema>;

/** The path parameters of `/tasks/{id}`. */
export const TaskPathSchema = z.object({ id: TaskIdSchema });
