import { setTimeout as delay } from 'node:timers/promises';
import { clock } from '../config/clock';
import type { RequiredVersion } from '../domain/etag';
import { applyChange } from '../domain/task';
import type { Task, TaskFields } from '../domain/task-schemas';
import { notFound, ProblemError } from '../errors/problem-error';
import { taskRepository, UpdateNotApplied } from './task-repository';
import { WriteConflict } from './transactions';

/**
 * How a write without If-Match that keeps losing races to other writers is retried: after each lost race a
 * "full jitter" pause (a random wait up to a doubling step, capped), so concurrent writers spread out instead
 * of colliding again in lockstep, for at most `budgetMs` of real time in all; then a 409 `edit-conflict` with
 * Retry-After. The budget is time, not attempts, because what a collision costs depends on the database:
 * DynamoDB Local needs ~25 ms per status change (a transaction), DynamoDB a fraction of that.
 */
export const WRITE_RETRY = { budgetMs: 4000, baseMs: 20, capMs: 500 } as const;

/** The pause before retry number `retry` (1, 2, …): uniform in [0, min(cap, base·2^(retry-1))]. */
export function retryPauseMs(retry: number, random: () => number = Math.random): number {
  return random() * Math.min(WRITE_RETRY.capMs, WRITE_RETRY.baseMs * 2 ** (retry - 1));
}

/**
 * Applies writable fields to a stored task (PUT, PATCH) with optimistic concurrency.
 *
 * Usually one round trip: an in-place update conditioned on If-Match, on the status staying as it is, and on
 * `updated_at` moving forward. When the status changes, the per-status counters must move in the same
 * transaction, which needs the previous status: the failed update returns the task as it was, and a
 * conditional transaction on that version follows (two round trips).
 *
 * With If-Match a lost race is a 412. Without it the change is re-applied to the task as the failed write
 * found it (last writer wins per field: only this request's fields are written, the others' stay), after a
 * jittered pause; only when that keeps failing is the answer a 409 `edit-conflict` with Retry-After.
 */
export async function changeTask(
  userId: string,
  taskId: string,
  required: RequiredVersion,
  fields: TaskFields,
): Promise<Task> {
  const expected = typeof required === 'number' ? required : undefined;
  /** The task as last seen (by a failed write, or a read); unknown before the first attempt. */
  let seen: Task | undefined;
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      if (!seen || !movesStatus(seen, fields)) {
        return await taskRepository.updateInPlace(userId, taskId, fields, updatedAtAfter(seen), expected);
      }
      const next = applyChange(seen, fields, new Date(clock.now()));
      await taskRepository.save(seen, next);
      return next;
    } catch (error) {
      const firstTry = seen === undefined;
      seen = writable(await foundBy(error, userId, taskId), required);
      // The first in-place update failing because the status moves is the normal two-round-trip path.
      if (firstTry && movesStatus(seen, fields)) continue;
    }
    await pauseBeforeRetry(attempt, started);
    // A status change is a transaction conditioned on the version: read that version after the pause, not
    // before it, or every writer that waited retries with a version that other writers have moved on since.
    if (movesStatus(seen, fields)) seen = writable(await taskRepository.get(userId, taskId), required);
  }
}

/**
 * Deletes a stored task, honouring If-Match: a read (for the status to uncount) and a conditional
 * transaction; without If-Match a lost race is retried after a jittered pause and a fresh read.
 */
export async function deleteTask(userId: string, taskId: string, required: RequiredVersion): Promise<void> {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    const current = writable(await taskRepository.get(userId, taskId), required);
    try {
      await taskRepository.delete(current);
      return;
    } catch (error) {
      if (!(error instanceof WriteConflict)) throw error;
      if (typeof required === 'number') writable(await foundBy(error, userId, taskId), required);
    }
    await pauseBeforeRetry(attempt, started);
  }
}

/** The task, when a write may go on: 404 when it is gone, 412 when If-Match names another version. */
function writable(task: Task | undefined, required: RequiredVersion): Task {
  if (!task) throw notFound('Task');
  if (typeof required === 'number' && task.version !== required) throw staleEtag();
  return task;
}

const movesStatus = (task: Task, fields: TaskFields): boolean =>
  fields.status !== undefined && fields.status !== task.status;

/** A write's `updated_at`: now, or just after the last writer's when this clock is behind it (or equal). */
function updatedAtAfter(seen: Task | undefined): string {
  const now = clock.now();
  return new Date(seen ? Math.max(now, Date.parse(seen.updated_at) + 1) : now).toISOString();
}

/** The task as a failed conditional write left it (from the failure itself when it says, else a fresh read). */
async function foundBy(error: unknown, userId: string, taskId: string): Promise<Task | undefined> {
  if (error instanceof UpdateNotApplied) return error.current;
  if (error instanceof WriteConflict) {
    const current = (error as WriteConflict<Task>).current;
    return current ?? taskRepository.get(userId, taskId);
  }
  throw error;
}

/**
 * Waits before the next attempt, or gives up with a 409 when that wait would end past the budget counted
 * from `started` (a `performance.now()`: real elapsed time, whatever the functions' clock says).
 */
async function pauseBeforeRetry(attempt: number, started: number): Promise<void> {
  const pause = retryPauseMs(attempt);
  if (performance.now() + pause - started > WRITE_RETRY.budgetMs) {
    throw new ProblemError('edit-conflict', 'The task is being changed by other requests; retry shortly', {
      headers: { 'Retry-After': '1' },
    });
  }
  await delay(pause);
}

const staleEtag = () =>
  new ProblemError('precondition-failed', "If-Match does not match the task's current ETag");
