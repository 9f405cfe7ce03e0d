import * as z from 'zod/mini';
import { ProblemSchema } from '../errors/problem-schema';
import { API_VERSIONS, type Versioned } from './api-version';
import { PrioritySchema, StatusSchema } from './task-schemas';

/**
 * What the API answers, as schemas: the OpenAPI documents' named components, and the types the
 * representations build (inferred from here, imported as types only, so no function evaluates these at
 * cold start). Each version names its own shapes alike: `Task` is v1's task in the v1 document and v2's
 * in the v2 document.
 */
export const LinkSchema = z.object({
  rel: z.string(),
  href: z.string(),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
});

/** What v1 clients see of a task. */
export const TaskV1Schema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.nullable(z.string()),
  status: StatusSchema,
  created_at: z.string(),
  updated_at: z.string(),
});

/** What v2 clients see: v1's fields, the v2 fields, and HATEOAS links. */
export const TaskV2Schema = z.extend(TaskV1Schema, {
  priority: PrioritySchema,
  due_date: z.nullable(z.string()),
  tags: z.array(z.string()),
  links: z.array(LinkSchema),
});

/** v1's list envelope: offset pagination with the total. */
export const TaskListV1Schema = z.object({
  items: z.array(TaskV1Schema),
  total_count: z.int(),
  skip: z.int(),
  limit: z.int(),
});

/** v2's list envelope: cursor pagination and HATEOAS links. */
export const TaskListV2Schema = z.object({
  data: z.array(TaskV2Schema),
  pagination: z.object({
    limit: z.int(),
    next_cursor: z.nullable(z.string()),
    has_more: z.boolean(),
    total_count: z.optional(z.int()),
  }),
  links: z.array(LinkSchema),
});

/** A user as v1 clients see it; v2 adds links to the user and their tasks. */
export const UserV1Schema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.nullable(z.string()),
  created_at: z.string(),
});
export const UserV2Schema = z.extend(UserV1Schema, { links: z.array(LinkSchema) });

/** Login's answer. */
export const AccessTokenSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.int(),
});

/** `GET /health`. */
export const HealthSchema = z.object({ status: z.literal('ok'), version: z.enum(API_VERSIONS) });

/** `GET /openapi.json`: an OpenAPI 3.1 document (described by its own specification, not here). */
export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

const shared = {
  Health: HealthSchema,
  OpenApiDocument: OpenApiDocumentSchema,
  Problem: ProblemSchema,
  Token: AccessTokenSchema,
};

/** Every named response schema of each version's document. */
export const responseSchemas = {
  v1: { ...shared, Task: TaskV1Schema, TaskPage: TaskListV1Schema, User: UserV1Schema },
  v2: { ...shared, Task: TaskV2Schema, TaskPage: TaskListV2Schema, User: UserV2Schema },
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
