import * as z from 'zod/mini';
import { CONTROL_CHARACTERS } from '../util/control-characters';
import '../util/zod-messages';
import { DueDateSchema, PrioritySchema, StatusSchema, TagSchema } from './task-schemas';

/**
 * `GET /tasks` query strings, per version. Strict: an unknown parameter, or the other version's
 * parameter (`cursor` on v1, `skip` on v2), is a 422 like any bad value.
 */
const integer = (min: number, max: number, fallback: number) =>
  z._default(
    z.pipe(
      z.string().check(z.regex(/^\d{1,6}$/, `must be a whole number from ${min} to ${max}`)),
      z.pipe(
        z.transform(Number),
        z.number().check(z.gte(min, `must be at least ${min}`), z.lte(max, `must be at most ${max}`)),
      ),
    ),
    fallback,
  );

/** Case-insensitive substring search of title or description. */
const SearchSchema = z.pipe(
  z.string().check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(100, 'must be at most 100 characters'),
    z.refine((value) => !CONTROL_CHARACTERS.test(value), 'must not contain control characters'),
  ),
  z.transform((value) => value.toLowerCase()),
);

const SortOrderSchema = z._default(z.enum(['asc', 'desc']), 'desc');
const common = {
  status: z.optional(StatusSchema),
  q: z.optional(SearchSchema),
  sort_order: SortOrderSchema,
  limit: integer(1, 100, 10),
};

export const ListQueryV1Schema = z.strictObject({
  ...common,
  sort_by: z._default(z.enum(['created_at', 'updated_at', 'title']), 'created_at'),
  skip: integer(0, 10_000, 0),
});

export const ListQueryV2Schema = z
  .strictObject({
    ...common,
    sort_by: z._default(z.enum(['created_at', 'updated_at', 'title', 'due_date', 'priority']), 'created_at'),
    priority: z.optional(PrioritySchema),
    tag: z.optional(TagSchema),
    due_before: z.optional(DueDateSchema),
    due_after: z.optional(DueDateSchema),
    cursor: z.optional(
      z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(2048, 'is too long')),
    ),
    include_total: z.pipe(
      z._default(z.enum(['true', 'false']), 'false'),
      z.transform((value) => value === 'true'),
    ),
  })
  .check(
    z.refine((query) => !(query.due_after && query.due_before && query.due_after > query.due_before), {
      message: 'must not be after due_before',
      path: ['due_after'],
    }),
  );

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
