import { decodeTime, monotonicFactory } from 'ulid';
import { notFound } from '../http/problem-error';
import type { ApiVersion } from './api-version';
import type { Task, TaskPatch, TaskWrite } from './task-schemas';

/**
 * Task rules: how a task is created, replaced and patched. Pure functions of (current task, input, clock);
 * persistence and HTTP live elsewhere.
 */
const nextId = monotonicFactory();
const TASK_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** A path's task id, or 404 for anything that cannot be one (no reason to tell the client more). */
export function parseTaskId(raw: string | undefined): string {
  if (raw === undefined || !TASK_ID.test(raw)) throw notFound('Task');
  return raw;
}

/** The time-ordered id's own timestamp is `created_at`, so id order is creation order. */
export function newTask(ownerId: string, input: TaskWrite, now: Date = new Date()): Task {
  const id = nextId(now.getTime());
  const createdAt = new Date(decodeTime(id)).toISOString();
  return {
    id,
    owner_id: ownerId,
    title: input.title,
    description: input.description ?? null,
    status: input.status ?? 'pending',
    priority: input.priority ?? 'medium',
    due_date: input.due_date ?? null,
    tags: input.tags ?? [],
    created_at: createdAt,
    updated_at: createdAt,
    version: 1,
  };
}

/**
 * PUT: the version's writable fields take the input's values or their defaults. A v1 body cannot carry
 * priority, due_date or tags, so a v1 PUT keeps the task's values for them.
 */
export function replaceTask(
  current: Task,
  input: TaskWrite,
  version: ApiVersion,
  now: Date = new Date(),
): Task {
  const v2Fields =
    version === 'v2'
      ? { priority: input.priority ?? 'medium', due_date: input.due_date ?? null, tags: input.tags ?? [] }
      : { priority: current.priority, due_date: current.due_date, tags: current.tags };
  return {
    ...current,
    title: input.title,
    description: input.description ?? null,
    status: input.status ?? 'pending',
    ...v2Fields,
    ...bump(current, now),
  };
}

/** PATCH (RFC 7396 JSON Merge Patch): present fields replace, `null` clears a nullable field. */
export function patchTask(current: Task, patch: TaskPatch, now: Date = new Date()): Task {
  const next: Task = { ...current, ...bump(current, now) };
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.priority !== undefined) next.priority = patch.priority;
  if (patch.due_date !== undefined) next.due_date = patch.due_date;
  if (patch.tags !== undefined) next.tags = patch.tags;
  return next;
}

/** Every change moves `updated_at` forward (strictly, even within one millisecond) and bumps the version. */
function bump(current: Task, now: Date): Pick<Task, 'updated_at' | 'version'> {
  const previous = Date.parse(current.updated_at);
  const updatedAt = new Date(Math.max(now.getTime(), previous + 1)).toISOString();
  return { updated_at: updatedAt, version: current.version + 1 };
}
