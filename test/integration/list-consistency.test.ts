import fc from 'fast-check';
import { handler as deleteTask } from '../../functions/tasks/delete';
import { planListQuery } from '../../functions/shared/data/list-plan';
import { readPage } from '../../functions/shared/data/task-lister';
import { invoke, newUserId } from '../support/invoke';
import { list, walkV2 } from '../support/list-client';
import { createViaApi, patchViaApi, seedTasks, taskInput } from '../support/seed-tasks';
import { modelList, type ModelTask } from '../support/task-model';

const remove = (userId: string, id: string) =>
  invoke(deleteTask, {
    method: 'DELETE',
    resource: '/tasks/{id}',
    path: `/tasks/${id}`,
    pathParameters: { id },
    userId,
  });

describe('listing while tasks change', () => {
  it.each(['created_at', 'title', 'due_date'] as const)(
    'never skips or repeats an untouched task when creates and deletes interleave with a walk by %s',
    async (sort_by) => {
      const userId = newUserId();
      const initial = await seedTasks(userId, 60, 11);
      const deleted = new Set<string>();
      const deleteStatuses: number[] = [];
      let step = 0;
      const pages = await walkV2(userId, { sort_by, limit: 7 }, async () => {
        step += 1;
        await createViaApi(userId, { title: `new ${step}`, due_date: step % 2 ? '2026-03-03' : null });
        const victim = initial[(step * 17) % initial.length]!;
        if (!deleted.has(victim.id)) {
          deleted.add(victim.id);
          deleteStatuses.push((await remove(userId, victim.id)).status);
        }
      });
      expect(deleteStatuses.every((status) => status === 204)).toBe(true);
      const walked = pages.flatMap((page) => page.data.map((task: { id: string }) => task.id));
      expect(new Set(walked).size).toBe(walked.length);
      const untouched = initial.filter((task) => !deleted.has(task.id)).map((task) => task.id);
      expect(untouched.filter((id) => !walked.includes(id))).toEqual([]);
    },
  );

  it('keeps total_count and per-status counts exact through random creates, status changes and deletes', async () => {
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), input: taskInput }),
      fc.record({
        kind: fc.constant('status' as const),
        pick: fc.nat(),
        status: fc.constantFrom('pending', 'in_progress', 'completed'),
      }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
        const userId = newUserId();
        const model = new Map<string, ModelTask>();
        for (const op of operations) {
          const existing = [...model.keys()];
          if (op.kind === 'create') {
            const task = await createViaApi(userId, op.input);
            model.set(task.id, task);
          } else if (existing.length > 0) {
            const id = existing[op.pick % existing.length]!;
            if (op.kind === 'status') model.set(id, await patchViaApi(userId, id, { status: op.status }));
            else if ((await remove(userId, id)).status === 204) model.delete(id);
          }
        }
        const tasks = [...model.values()];
        for (const status of [undefined, 'pending', 'in_progress', 'completed']) {
          const v2 = await list(userId, 'v2', { status, include_total: true, limit: 1 });
          const v1 = await list(userId, 'v1', { status, limit: 1 });
          const expected = modelList(tasks, { status }).length;
          expect(v2.body.pagination.total_count).toBe(expected);
          expect(v1.body.total_count).toBe(expected);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('stops a sparse filtered page at the read budget: a short page with a next position, and nothing is skipped', async () => {
    const userId = newUserId();
    for (let index = 0; index < 40; index++)
      await createViaApi(userId, { title: index % 20 === 0 ? 'needle' : `hay ${index}` });
    const plan = planListQuery(userId, { q: 'needle' }, { field: 'created_at', order: 'asc' });
    // A one-query budget evaluates 4 × (limit + 1) = 8 items: the first needle only.
    const first = await readPage(userId, plan, 1, undefined, 1);
    expect(first.tasks.map((task) => task.title)).toEqual(['needle']);
    expect(first.next).toBeDefined();
    const short = await readPage(userId, plan, 1, first.next, 1);
    expect(short.tasks).toEqual([]);
    expect(short.next).toBeDefined();
    const pages = await walkV2(userId, { q: 'needle', limit: 1 });
    expect(pages.flatMap((page) => page.data.map((task: { title: string }) => task.title))).toEqual([
      'needle',
      'needle',
    ]);
  });
});
