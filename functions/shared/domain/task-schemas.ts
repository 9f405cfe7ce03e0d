import { z } from 'zod';

/**
 * Task fields and request bodies, defined once. Types are inferred from these schemas; the OpenAPI
 * document is generated from them. Bodies are strict: unknown fields (and the other version's fields)
 * are a 422, never silently dropped.
 */
export const TASK_STATUSES = ['pending', 'in_progress', 'completed'] as const;
export const TASK_PRIORITIES = ['low', 'medium', 'high'] as const;

/** C0/C1 control characters: never valid in a title (they also keep index sort keys well-ordered). */

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

export const TitleSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((value) => !CONTROL_CHARS.test(value), 'must not contain control characters');

export const DescriptionSchema = z.string().max(2000, 'must be at most 2000 characters').nullable();
export const StatusSchema = z.enum(TASK_STATUSES);
export const PrioritySchema = z.enum(TASK_PRIORITIES);

/** `YYYY-MM-DD` that names a real day (no 2026-02-30). */
export const DueDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'must be a real calendar date');

export const TagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_-]{1,30}$/, 'must be 1..30 characters of a-z, 0-9, _ or -');

export const TagsSchema = z
  .array(TagSchema)
  .max(10, 'must hold at most 10 tags')
  .refine((tags) => new Set(tags).size === tags.length, 'must not repeat a tag');

export type TaskStatus = z.infer<typeof StatusSchema>;
export type TaskPriority = z.infer<typeof PrioritySchema>;

/** The task as the domain knows it (both versions' fields; the representation picks per version). */
export const TaskSchema = z.object({
  id: z.string(),
  owner_id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  status: StatusSchema,
  priority: PrioritySchema,
  due_date: z.string().nullable(),
  tags: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  /** Optimistic-concurrency counter; the ETag is derived from it. */
  version: z.number().int().positive(),
});
export type Task = z.infer<typeof TaskSchema>;

/** The fields a client can write (both versions'); a change is a subset of them. */
export type TaskFields = Partial<
  Pick<Task, 'title' | 'description' | 'status' | 'priority' | 'due_date' | 'tags'>
>;

const v1Writable = {
  title: TitleSchema,
  description: DescriptionSchema.optional(),
  status: StatusSchema.optional(),
};
const v2Writable = {
  ...v1Writable,
  priority: PrioritySchema.optional(),
  due_date: DueDateSchema.nullable().optional(),
  tags: TagsSchema.optional(),
};

/** POST and PUT bodies: the version's writable fields; omitted optional fields take their defaults. */
export const TaskWriteV1Schema = z.strictObject(v1Writable);
export const TaskWriteV2Schema = z.strictObject(v2Writable);
export type TaskWrite = z.infer<typeof TaskWriteV2Schema>;

/**
 * PATCH bodies (JSON Merge Patch): every field optional; `null` clears the nullable fields (description,
 * due_date); `null` on a non-nullable field is a 422. An empty patch is a 422 too: it would change nothing.
 */
const nonEmpty = (value: object) => Object.keys(value).length > 0;
export const TaskPatchV1Schema = z
  .strictObject(v1Writable)
  .partial()
  .refine(nonEmpty, 'must change at least one field');
export const TaskPatchV2Schema = z
  .strictObject(v2Writable)
  .partial()
  .refine(nonEmpty, 'must change at least one field');
export type TaskPatch = z.infer<typeof TaskPatchV2Schema>;
