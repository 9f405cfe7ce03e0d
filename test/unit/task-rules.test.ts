import { decodeTime } from 'ulid';
import { applyChange, newTask, patchFields, replacementFields } from '../../functions/shared/domain/task';
import { representTask } from '../../functions/shared/domain/task-representation';
import {
  TaskPatchV2Schema,
  TaskWriteV1Schema,
  TaskWriteV2Schema,
} from '../../functions/shared/domain/task-schemas';

describe('task rules', () => {
  const now = new Date('2030-05-06T07:08:09.123Z');

  it("creates with defaults; created_at is the time-ordered id's own timestamp", () => {
    const task = newTask('u', { title: 'x' }, now);
    expect(task).toMatchObject({
      description: null,
      status: 'pending',
      priority: 'medium',
      due_date: null,
      tags: [],
      version: 1,
    });
    expect(task.created_at).toBe('2030-05-06T07:08:09.123Z');
    expect(decodeTime(task.id)).toBe(now.getTime());
  });

  it('v2 PUT resets omitted fields to defaults; v1 PUT keeps the v2-only fields', () => {
    const current = newTask(
      'u',
      { title: 'x', priority: 'high', tags: ['a'], due_date: '2030-01-01', description: 'd' },
      now,
    );
    expect(applyChange(current, replacementFields({ title: 'y' }, 'v2'))).toMatchObject({
      priority: 'medium',
      tags: [],
      due_date: null,
      description: null,
    });
    expect(applyChange(current, replacementFields({ title: 'y' }, 'v1'))).toMatchObject({
      priority: 'high',
      tags: ['a'],
      due_date: '2030-01-01',
      description: null,
    });
  });

  it('bumps version and moves updated_at strictly forward on every change, even within a millisecond', () => {
    const current = newTask('u', { title: 'x' }, now);
    const next = applyChange(current, patchFields({ title: 'y', description: undefined }), now);
    expect(next.version).toBe(2);
    expect(Date.parse(next.updated_at)).toBeGreaterThan(Date.parse(current.updated_at));
  });

  it('represents v1 without the v2 fields and v2 with root-relative links', () => {
    const task = newTask('u', { title: 'x' }, now);
    expect(Object.keys(representTask(task, 'v1'))).toEqual([
      'id',
      'title',
      'description',
      'status',
      'created_at',
      'updated_at',
    ]);
    expect(representTask(task, 'v2')).toMatchObject({
      links: expect.arrayContaining([{ rel: 'delete', href: `/v2/tasks/${task.id}`, method: 'DELETE' }]),
    });
  });

  it.each([
    [{ title: '   ' }, 'title'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ title: 'a\u0000b' }, 'title'],
    [{ title: 'a', due_date: '2025-02-29' }, 'due_date'],
    [{ title: 'a', tags: ['ok', 'OK'] }, 'tags'],
    [{ title: 'a', tags: ['white space'] }, 'tags.0'],
    [{ title: 'a', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags'],
    [{ title: 'a', id: 'mine' }, ''],
  ])('rejects %j (field %s)', (body, field) => {
    const result = TaskWriteV2Schema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(field);
  });

  it('lower-cases tags, trims titles, and accepts a real leap day', () => {
    expect(TaskWriteV2Schema.parse({ title: ' a ', tags: ['Work'], due_date: '2028-02-29' })).toEqual({
      title: 'a',
      tags: ['work'],
      due_date: '2028-02-29',
    });
  });

  it('refuses v2 fields on v1, null on non-nullable patch fields, and empty patches', () => {
    expect(TaskWriteV1Schema.safeParse({ title: 'a', tags: [] }).success).toBe(false);
    expect(TaskPatchV2Schema.safeParse({ title: null }).success).toBe(false);
    expect(TaskPatchV2Schema.safeParse({}).success).toBe(false);
    expect(TaskPatchV2Schema.parse({ due_date: null })).toEqual({ due_date: null });
  });
});
