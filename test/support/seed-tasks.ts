import fc from 'fast-check';
import { handler as createTask } from '../../functions/tasks/create';
import { handler as updateTask } from '../../functions/tasks/update';
import { invoke } from './invoke';
import type { ModelTask } from './task-model';

/** Titles with case, prefix and Unicode traps for the case-insensitive, total title order. */
export const TITLES = [
  'a',
  'A',
  'a b',
  'ab',
  'AB',
  'Zebra',
  'zeta',
  'Ärger',
  'émile',
  'straße',
  '日本',
  'task 1',
  'task 10',
  'Task 2',
  'Report',
];
export const WORDS = ['urgent', 'Later', 'report', 'call Bob', 'x'];
export const TAGS = ['home', 'work', 'urgent', 'q4'];
export const DATES = ['2026-01-01', '2026-01-02', '2026-06-30', '2027-12-31'];

export const taskInput = fc.record(
  {
    title: fc.constantFrom(...TITLES),
    description: fc.option(fc.constantFrom(...WORDS), { nil: null }),
    status: fc.constantFrom('pending', 'in_progress', 'completed'),
    priority: fc.constantFrom('low', 'medium', 'high'),
    due_date: fc.option(fc.constantFrom(...DATES), { nil: null }),
    tags: fc.subarray(TAGS, { maxLength: 3 }),
  },
  { requiredKeys: ['title'] },
);

export async function createViaApi(userId: string, body: unknown): Promise<ModelTask> {
  const response = await invoke(createTask, {
    stage: 'v2',
    method: 'POST',
    resource: '/tasks',
    path: '/tasks',
    body,
    userId,
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${response.rawBody}`);
  return response.body as ModelTask;
}

export async function patchViaApi(userId: string, id: string, body: unknown): Promise<ModelTask> {
  const response = await invoke(updateTask, {
    stage: 'v2',
    method: 'PATCH',
    resource: '/tasks/{id}',
    path: `/tasks/${id}`,
    pathParameters: { id },
    body,
    userId,
  });
  if (response.status !== 200) throw new Error(`patch failed: ${response.status} ${response.rawBody}`);
  return response.body as ModelTask;
}

/**
 * `count` random tasks for one user (a fixed seed: the same data every run), a third of them patched
 * afterwards so updated_at order differs from creation order. Returns the model of what is stored.
 */
export async function seedTasks(userId: string, count: number, seed = 42): Promise<ModelTask[]> {
  const inputs = fc.sample(taskInput, { numRuns: count, seed });
  const tasks: ModelTask[] = [];
  for (const input of inputs) tasks.push(await createViaApi(userId, input));
  for (let index = 0; index < tasks.length; index += 3) {
    tasks[index] = await patchViaApi(userId, tasks[index]!.id, { title: TITLES[index % TITLES.length] });
  }
  return tasks;
}
