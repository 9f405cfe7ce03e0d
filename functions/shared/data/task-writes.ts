import { clock } from '../config/clock';
import type { RequiredVersion } from '../domain/etag';
import { applyChange } from '../domain/task';
import type { Task, TaskFields } from '../domain/task-schemas';
import { notFound, ProblemError } from '../errors/problem-error';
import { taskRepository, UpdateNotApplied } from './task-repository';
import { WriteConflict } from './transactions';

/** How often a write without If-Match is re-applied on a fresh read after losing a race. */
const MAX_ATTEMPTS = 3;

/**
 * Applies writable fields to a stored task (PUT, PATCH) with optimistic concurrency.
 *
 * Usually one round trip: an in-place update conditioned on If-Match and on the status staying as it is.
 * When the status changes, the per-status counters must move in the same transaction, which needs the
 * previous status: the failed update returns the task as it was, and a conditional transaction on that
 * version follows (two round trips). With If-Match a lost race is a 412; without it the change is
 * re-applied to the fresh task, so no update is lost and none overwrites another unseen.
 */
export async function changeTask(
  userId: string,
  taskId: string,
  required: RequiredVersion,
  fields: TaskFields,
): Promise<Task> {
  const now = new Date(clock.now());
  let current: Task | undefined;
  try {
    return await taskRepository.updateInPlace(
      userId,
      taskId,
      fields,
      now.toISOString(),
      typeof required === 'number' ? required : undefined,
    );
  } catch (error) {
    if (!(error instanceof UpdateNotApplied)) throw error;
    current = error.current;
  }
  return withOptimisticConcurrency(userId, taskId, required, current, async (task) => {
    const next = applyChange(task, fields, now);
    await taskRepository.save(task, next);
    return next;
  });
}

/** Deletes a stored task, honouring If-Match (the version it requires): a read (for the status to uncount) and a conditional transaction. */
export async function deleteTask(userId: string, taskId: string, required: RequiredVersion): Promise<void> {
  await withOptimisticConcurrency(
    userId,
    taskId,
    required,
    await taskRepository.get(userId, taskId),
    (task) => taskRepository.delete(task),
  );
}

/**
 * Runs `write` on the task as read, conditioned (by the repository) on its version; on a lost race,
 * 412 with If-Match, else a fresh read and another attempt.
 */
async function withOptimisticConcurrency<T>(
  userId: string,
  taskId: string,
  required: RequiredVersion,
  firstRead: Task | undefined,
  write: (current: Task) => Promise<T>,
): Promise<T> {
  let current = firstRead;
  for (let attempt = 1; ; attempt++) {
    if (!current) throw notFound('Task');
    if (typeof required === 'number' && current.version !== required) throw staleEtag();
    try {
      return await write(current);
    } catch (error) {
      if (!(error instanceof WriteConflict)) throw error;
      if (typeof required === 'number') throw staleEtag();
      if (attempt >= MAX_ATTEMPTS) {
        throw new ProblemError('service-unavailable', 'The task is changing too often; retry shortly', {
          headers: { 'Retry-After': '1' },
        });
      }
    }
    current = await taskRepository.get(userId, taskId);
  }
}

const staleEtag = () =>
  new ProblemError('precondition-failed', "If-Match does not match the task's current ETag");
