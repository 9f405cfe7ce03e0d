import fc from 'fast-check';
import { taskKeys as keys, toTaskItem } from '../../functions/shared/data/entities/task-entity';
import { newTask } from '../../functions/shared/domain/task';
import type { Task } from '../../functions/shared/domain/task-schemas';

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const task = (overrides: Partial<Task>): Task => ({ ...newTask('u', { title: 't' }), ...overrides });

describe('key building', () => {
  it("puts every task in its owner's partition", () => {
    expect(keys.task('u1', 'T')).toEqual({ pk: 'USER#u1', sk: 'TASK#T' });
    expect(keys.taskCounters('u1').pk).toBe(keys.task('u1', 'x').pk);
  });

  it('orders title keys as DynamoDB will (UTF-8 bytes) exactly like "lower-cased title, then id"', () => {
    const title = fc.string({
      unit: fc.constantFrom('a', 'A', 'b', ' ', 'ä', 'Ä', 'z', '日', '~', '!'),
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        title,
        title,
        fc.constantFrom('01A', '01B'),
        fc.constantFrom('01A', '01B'),
        (titleA, titleB, idA, idB) => {
          const a = toTaskItem(task({ title: titleA, id: idA })).lsi_title;
          const b = toTaskItem(task({ title: titleB, id: idB })).lsi_title;
          const expected = byteOrder(titleA.toLowerCase(), titleB.toLowerCase()) || byteOrder(idA, idB);
          expect(Math.sign(byteOrder(a, b))).toBe(Math.sign(expected));
        },
      ),
    );
  });

  it('sorts undated tasks after dated ones, and priorities low < medium < high', () => {
    const dated = toTaskItem(task({ due_date: '2999-12-31' })).lsi_due_date;
    const undated = toTaskItem(task({ due_date: null })).lsi_due_date;
    expect(byteOrder(dated, undated)).toBeLessThan(0);
    const [low, medium, high] = (['low', 'medium', 'high'] as const).map(
      (priority) => toTaskItem(task({ priority })).lsi_priority,
    );
    expect(byteOrder(low!, medium!)).toBeLessThan(0);
    expect(byteOrder(medium!, high!)).toBeLessThan(0);
  });
});
