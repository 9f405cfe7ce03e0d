import * as z from 'zod/mini';
import { CONTROL_CHARACTERS, WITHOUT_CONTROL_CHARACTERS } from '../util/control-characters';
import '../util/zod-messages';
import { carries } from './query-wire-types';
import { DueDateSchema, PrioritySchema, StatusSchema, TagSchema } from './task-schemas';

/**
 * `GET /tasks` query strings, per version. Strict: an unknown parameter, or the other version's
 * parameter (`cursor` on v1, `skip` on v2), is a 422 like any bad value.
 */
const integer = (min: number, max: number, fallback: number, description: string) =>
  carries(
    z
      ._default(
        z.pipe(
          z.string().check(z.regex(/^\d{1,6}$/, `must be a whole number from ${min} to ${max}`)),
          z.pipe(
            z.transform(Number),
            z.number().check(z.gte(min, `must be at least ${min}`), z.lte(max, `must be at most ${max}`)),
          ),
        ),
        fallback,
      )
      .check(z.describe(description)),
    { type: 'integer', minimum: min, maximum: max, default: fallback },
  );

/** Case-insensitive substring search of title or description. */
const SearchSchema = z.pipe(
  z.string().check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(100, 'must be at most 100 characters'),
    z.refine((value) => !CONTROL_CHARACTERS.test(value), 'must not contain control characters'),
    z.meta({ pattern: WITHOUT_CONTROL_CHARACTERS }),
  ),
  z.transform((value) => value.toLowerCase()),
);

const SortOrderSchema = z
  ._default(z.enum(['asc', 'desc']), 'desc')
  .check(z.describe('Sort direction; ties on the sort field break by id in the same direction'));
const sortBy = <const T extends readonly ['created_at', ...string[]]>(fields: T) =>
  z
    ._default(z.enum(fields), fields[0])
    .check(
      z.describe(
        'Sort field. `title` sorts case-insensitively, `priority` low < medium < high, and tasks without a due date come after dated ones in `asc` (before them in `desc`)',
      ),
    );
const common = {
  status: z.optional(StatusSchema).check(z.describe('Only tasks with this status')),
  q: z
    .optional(SearchSchema)
    .check(z.describe('Only tasks whose title or description contains this text, ignoring case')),
  sort_order: SortOrderSchema,
  limit: integer(1, 100, 10, 'Tasks per page'),
};

export const ListQueryV1Schema = z.strictObject({
  ...common,
  sort_by: sortBy(['created_at', 'updated_at', 'title']),
  skip: integer(0, 10_000, 0, 'Matching tasks to skip (offset paging: its cost grows with `skip`)'),
});

export const ListQueryV2Schema = z
  .strictObject({
    ...common,
    sort_by: sortBy(['created_at', 'updated_at', 'title', 'due_date', 'priority']),
    priority: z.optional(PrioritySchema).check(z.describe('Only tasks with this priority')),
    tag: z.optional(TagSchema).check(z.describe('Only tasks carrying this tag')),
    due_before: z
      .optional(DueDateSchema)
      .check(z.describe('Only tasks due on or before this day; tasks without a due date never match')),
    due_after: z
      .optional(DueDateSchema)
      .check(z.describe('Only tasks due on or after this day; tasks without a due date never match')),
    cursor: z.optional(
      z
        .string()
        .check(
          z.minLength(1, 'must not be empty'),
          z.maxLength(2048, 'is too long'),
          z.meta({ pattern: '^[A-Za-z0-9_.~-]+$' }),
          z.describe(
            '`pagination.next_cursor` of the previous page, with the same filters and sort (a page size may change)',
          ),
        ),
    ),
    include_total: carries(
      z
        .pipe(
          z._default(z.enum(['true', 'false']), 'false'),
          z.transform((value) => value === 'true'),
        )
        .check(z.describe('Also count every matching task, in `pagination.total_count`')),
      { type: 'boolean', default: false },
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
