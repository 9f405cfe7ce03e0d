import { decodeTime } from 'ulid';
import { clock } from '../config/clock';
import type { ApiVersion } from './api-version';
import { newId } from './ids';
import type { Task, TaskFields, TaskPatch, TaskWrite } from './task-schemas';

/**
 * Task rules: how a task is created, replaced and patched. Pure functions of (input, current task,
 * clock); persistence and HTTP live elsewhere.
 */
/** The time-ordered id's own timestamp is `created_at`, so id order is creation order. */
export function newTask(ownerId: string, input: TaskWrite, now: Date = new Date(clock.now())): Task {
  const id = newId(now.getTime());
  const createdAt = new Date(decodeTime(id)).toISOString();
  return {
    id,
    owner_id: ownerId,
    created_at: createdAt,
    updated_at: createdAt,
    version: 1,
    title: input.title,
    description: input.description ?? null,
    status: input.status ?? 'pending',
    priority: input.priority ?? 'medium',
    due_date: input.due_date ?? null,
    tags: input.tags ?? [],
  };
}

/**
 * PUT: every writable field of the version takes the input's value or its default. A v1 body cannot
 * carry priority, due_date or tags, so a v1 PUT leaves them as they are.
 */
export function replacementFields(input: TaskWrite, version: ApiVersion): TaskFields {
  const v1Fields = {
    title: input.title,
    description: input.description ?? null,
    status: input.status ?? 'pending',
  };
  if (version === 'v1') return v1Fields;
  return {
    ...v1Fields,
    priority: input.priority ?? 'medium',
    due_date: input.due_date ?? null,
    tags: input.tags ?? [],
  };
}

/** PATCH (RFC 7396 JSON Merge Patch): present fields replace, `null` clears a nullable field. */
export function patchFields(patch: TaskPatch): TaskFields {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

/**
 * The task after a change: the fields applied, the version bumped, and `updated_at` moved strictly
 * forward (even within one millisecond, or when this machine's clock is behind the last writer's).
 */
export function applyChange(current: Task, fields: TaskFields, now: Date = new Date(clock.now())): Task {
  const updatedAt = new Date(Math.max(now.getTime(), Date.parse(current.updated_at) + 1)).toISOString();
  return { ...current, ...fields, updated_at: updatedAt, version: current.version + 1 };
}
