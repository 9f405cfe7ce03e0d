import * as z from 'zod/mini';
import { ProblemSchema } from '../errors/problem-schema';
import { API_VERSIONS, type Versioned } from './api-version';
import { WITHOUT_CONTROL_CHARACTERS } from '../util/control-characters';
import { PrioritySchema, StatusSchema } from './task-schemas';

/**
 * What the API answers, as schemas: the OpenAPI documents' named components, and the types the
 * representations build (inferred from here, imported as types only, so no function evaluates these at
 * cold start). Each version names its own shapes alike: `Task` is v1's task in the v1 document and v2's
 * in the v2 document. Every string and array has a bound, every integer its range and format, as the
 * reference promises (and the OWASP lint of the documents checks).
 */

/** A 32-bit integer in `[min, max]`: the bounds and format a client can size its types by. */
const int32 = (min: number, max: number) =>
  z.int().check(z.gte(min), z.lte(max), z.meta({ format: 'int32' }));

/** A count of stored items: not negative, and no larger than JavaScript integers stay exact. */
const Count = z.int().check(z.gte(0), z.meta({ format: 'int64' }));

/** A server-made id: a ULID (26 characters of Crockford base32, time-ordered). */
export const IdSchema = z.string().check(z.length(26), z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/));

/** A server-made instant: RFC 3339 UTC with milliseconds, e.g. `2030-01-31T09:30:00.000Z`. */
export const TimestampSchema = z.iso.datetime({ precision: 3 }).check(z.maxLength(24));

/** A root-relative URL on this API (`/v2/tasks/01J…`); list links carry the query, cursor included. */
const HrefSchema = z.string().check(z.minLength(1), z.maxLength(4096), z.regex(/^\//));

export const LinkSchema = z.object({
  rel: z.enum(['self', 'update', 'replace', 'delete', 'next', 'tasks']),
  href: HrefSchema,
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
});
const Links = z.array(LinkSchema).check(z.maxLength(10));

/** What v1 clients see of a task. */
export const TaskV1Schema = z.object({
  id: IdSchema,
  title: z.string().check(z.minLength(1), z.maxLength(200), z.regex(new RegExp(WITHOUT_CONTROL_CHARACTERS))),
  description: z.nullable(z.string().check(z.maxLength(2000))),
  status: StatusSchema,
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
});

/** A stored tag: lower case, 1..30 of `a-z`, `0-9`, `_`, `-`. */
const StoredTagSchema = z.string().check(z.maxLength(30), z.regex(/^[a-z0-9_-]{1,30}$/));

/** What v2 clients see: v1's fields, the v2 fields, and HATEOAS links. */
export const TaskV2Schema = z.extend(TaskV1Schema, {
  priority: PrioritySchema,
  due_date: z.nullable(z.iso.date().check(z.maxLength(10))),
  tags: z.array(StoredTagSchema).check(z.maxLength(10), z.meta({ uniqueItems: true })),
  links: Links,
});

/** v1's list envelope: offset pagination with the total. */
export const TaskListV1Schema = z.object({
  items: z.array(TaskV1Schema).check(z.maxLength(100)),
  total_count: Count,
  skip: int32(0, 10_000),
  limit: int32(1, 100),
});

/** v2's page position: the next page's cursor while `has_more`; the total only when asked for. */
export const PaginationSchema = z.object({
  limit: int32(1, 100),
  next_cursor: z.nullable(z.string().check(z.minLength(1), z.maxLength(2048), z.regex(/^[A-Za-z0-9_.~-]+$/))),
  has_more: z.boolean(),
  total_count: z.optional(Count),
});

/** v2's list envelope: cursor pagination and HATEOAS links. */
export const TaskListV2Schema = z.object({
  data: z.array(TaskV2Schema).check(z.maxLength(100)),
  pagination: PaginationSchema,
  links: Links,
});

/** A user as v1 clients see it; v2 adds links to the user and their tasks. */
export const UserV1Schema = z.object({
  id: IdSchema,
  email: z.string().check(z.maxLength(254), z.meta({ format: 'email' })),
  name: z.nullable(z.string().check(z.minLength(1), z.maxLength(100))),
  created_at: TimestampSchema,
});
export const UserV2Schema = z.extend(UserV1Schema, { links: Links });

/** Login's answer. */
export const AccessTokenSchema = z.object({
  access_token: z
    .string()
    .check(z.maxLength(4096), z.regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)),
  token_type: z.literal('Bearer'),
  expires_in: int32(60, 86_400),
});

/** `GET /health`. */
export const HealthSchema = z.object({ status: z.literal('ok'), version: z.enum(API_VERSIONS) });

/** `GET /openapi.json`: an OpenAPI 3.1 document (described by its own specification, not here). */
export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.string().check(z.maxLength(10), z.regex(/^3\.1\.\d+$/)),
  info: z.looseObject({
    title: z.string().check(z.maxLength(100)),
    version: z.string().check(z.maxLength(20), z.regex(/^v\d+$/)),
  }),
  paths: z.record(z.string().check(z.maxLength(200), z.regex(/^\//)), z.unknown()),
});

/** `GET /docs`: the interactive reference, an HTML page. */
export const ReferencePageSchema = z.string().check(z.maxLength(1_000_000));

/** `GET /docs/{asset}`: a script or style sheet of the reference page (below Lambda's 6 MB answer limit). */
export const ReferenceAssetSchema = z.string().check(z.maxLength(6_000_000));

const shared = {
  Health: HealthSchema,
  OpenApiDocument: OpenApiDocumentSchema,
  ReferencePage: ReferencePageSchema,
  ReferenceAsset: ReferenceAssetSchema,
  Problem: ProblemSchema,
  Token: AccessTokenSchema,
};

/** Every named response schema of each version's document. */
export const responseSchemas = {
  v1: { ...shared, Task: TaskV1Schema, TaskPage: TaskListV1Schema, User: UserV1Schema },
  v2: { ...shared, Task: TaskV2Schema, TaskPage: TaskListV2Schema, User: UserV2Schema },
} satisfies Versioned<Record<string, z.core.$ZodType>>;

/**
 * Parts of the answers that the documents name too, so a client can type them on their own: each version's
 * document lists them beside the response schemas.
 */
export const responsePartSchemas = {
  v1: { TaskStatus: StatusSchema },
  v2: {
    TaskStatus: StatusSchema,
    TaskPriority: PrioritySchema,
    Link: LinkSchema,
    Pagination: PaginationSchema,
  },
} satisfies Versioned<Record<string, z.core.$ZodType>>;

/** The name a route contract gives its answer's body; each version's document resolves it. */
export type ResponseSchemaName = keyof (typeof responseSchemas)[(typeof API_VERSIONS)[number]];

export type Link = z.infer<typeof LinkSchema>;
export type TaskV1 = z.infer<typeof TaskV1Schema>;
export type TaskV2 = z.infer<typeof TaskV2Schema>;
export type TaskListV1 = z.infer<typeof TaskListV1Schema>;
export type TaskListV2 = z.infer<typeof TaskListV2Schema>;
export type UserV1 = z.infer<typeof UserV1Schema>;
export type UserV2 = z.infer<typeof UserV2Schema>;
export type Health = z.infer<typeof HealthSchema>;
