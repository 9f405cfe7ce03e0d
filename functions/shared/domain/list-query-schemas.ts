import { z } from 'zod';
import { DueDateSchema, PrioritySchema, StatusSchema, TagSchema } from './task-schemas';

/**
 * `GET /tasks` query strings, per version. Strict: an unknown parameter, or the other version's
 * parameter (`cursor` on v1, `skip` on v2), is a 422 like any bad value.
 */
const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .default(fallback);

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** Case-insensitive substring search of title or description. */
const SearchSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .refine((value) => !CONTROL_CHARS.test(value), 'must not contain control characters')
  .transform((value) => value.toLowerCase());

const SortOrderSchema = z.enum(['asc', 'desc']).default('desc');
const common = {
  status: StatusSchema.optional(),
  q: SearchSchema.optional(),
  sort_order: SortOrderSchema,
  limit: integer(1, 100, 10),
};

export const ListQueryV1Schema = z.strictObject({
  ...common,
  sort_by: z.enum(['created_at', 'updated_at', 'title']).default('created_at'),
  skip: integer(0, 10_000, 0),
});

export const ListQueryV2Schema = z
  .strictObject({
    ...common,
    sort_by: z.enum(['created_at', 'updated_at', 'title', 'due_date', 'priority']).default('created_at'),
    priority: PrioritySchema.optional(),
    tag: TagSchema.optional(),
    due_before: DueDateSchema.optional(),
    due_after: DueDateSchema.optional(),
    cursor: z.string().min(1, 'must not be empty').max(2048, 'is too long').optional(),
    include_total: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
  })
  .refine((query) => !(query.due_after && query.due_before && query.due_after > query.due_before), {
    message: 'must not be after due_before',
    path: ['due_after'],
  });

export type ListQueryV1 = z.infer<typeof ListQueryV1Schema>;
export type ListQueryV2 = z.infer<typeof ListQueryV2Schema>;
export type SortField = ListQueryV2['sort_by'];

/** What selects tasks (every filter of either version), independent of how pages are cut. */
export interface TaskFilter {
  status?: ListQueryV2['status'];
  priority?: ListQueryV2['priority'];
  tag?: string;
  due_before?: string;
  due_after?: string;
  q?: string;
}

export interface TaskSort {
  field: SortField;
  order: 'asc' | 'desc';
}

/** The filter and sort of a parsed query of either version. */
export function filterAndSort(query: ListQueryV1 | ListQueryV2): { filter: TaskFilter; sort: TaskSort } {
  const { status, q } = query;
  const v2 = 'include_total' in query ? query : undefined;
  return {
    filter: {
      ...(status ? { status } : {}),
      ...(q ? { q } : {}),
      ...(v2?.priority ? { priority: v2.priority } : {}),
      ...(v2?.tag ? { tag: v2.tag } : {}),
      ...(v2?.due_before ? { due_before: v2.due_before } : {}),
      ...(v2?.due_after ? { due_after: v2.due_after } : {}),
    },
    sort: { field: query.sort_by, order: query.sort_order },
  };
}
