import { notFound, ProblemError } from '../http/problem-error';
import { WriteConflict } from '../data/transactions';
import { taskRepository } from '../data/task-repository';
import { requiredVersion } from './etag';
import type { Task } from './task-schemas';

/** How often a change without If-Match is re-applied on a fresh read after losing a race. */
const MAX_ATTEMPTS = 3;

/** Replaces a stored task by `change(current)`; returns the new task. */
export const changeTask = (
  userId: string,
  taskId: string,
  ifMatch: string | undefined,
  change: (current: Task) => Task,
) =>
  withOptimisticConcurrency(userId, taskId, ifMatch, async (current) => {
    const next = change(current);
    await taskRepository.save(current, next);
    return next;
  });

/** Deletes a stored task. */
export const deleteTask = (userId: string, taskId: string, ifMatch: string | undefined) =>
  withOptimisticConcurrency(userId, taskId, ifMatch, (current) => taskRepository.delete(current));

/**
 * Read, check `If-Match`, write on the condition that the version is still the one read. With If-Match a
 * lost race is a 412 (the client's view is stale); without it the write is re-applied to a fresh read, so
 * no update is lost and none overwrites another unseen.
 */
async function withOptimisticConcurrency<T>(
  userId: string,
  taskId: string,
  ifMatch: string | undefined,
  write: (current: Task) => Promise<T>,
): Promise<T> {
  const required = requiredVersion(ifMatch);
  for (let attempt = 1; ; attempt++) {
    const current = await taskRepository.get(userId, taskId);
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
  }
}

const staleEtag = () =>
  new ProblemError('precondition-failed', "If-Match does not match the task's current ETag");
