import { handler as createTask } from '../../functions/tasks/create';
import { handler as listTasks } from '../../functions/tasks/list';
import { invoke, newUserId } from '../support/invoke';

/** Validation answers stay small whatever the request: at most 20 errors listed, names cut at 100 characters. */
describe('bounded validation answers', () => {
  const userId = newUserId();

  it('a 63.9 KB body of 6 500 unknown keys gets a 422 of a few KB that counts them all', async () => {
    // Arrange: keys k0000…k6499, each with a one-digit value, just under the 64 KiB limit.
    const body = `{"title":"t",${Array.from({ length: 6500 }, (_, index) => `"k${String(index).padStart(4, '0')}":1`).join(',')}}`;
    expect(body.length).toBeGreaterThan(63_000);
    expect(body.length).toBeLessThan(64 * 1024);
    // Act
    const response = await invoke(createTask, {
      method: 'POST',
      resource: '/tasks',
      path: '/tasks',
      body,
      userId,
    });
    // Assert
    expect(response.status).toBe(422);
    expect(response.body.errors).toHaveLength(20);
    expect(response.body.errors[0]).toEqual({ field: 'k0000', message: 'is not an allowed field' });
    expect(response.body.error_count).toBe(6500);
    expect(response.body.detail).toBe('6500 fields are invalid; the first 20 are listed');
    expect(Buffer.byteLength(response.rawBody)).toBeLessThan(3000);
  });

  it('a 10 000-character parameter name is echoed cut to 100 characters, ending in an ellipsis', async () => {
    const name = 'p'.repeat(10_000);
    const response = await invoke(listTasks, {
      method: 'GET',
      resource: '/tasks',
      path: '/tasks',
      query: [[name, '1']],
      userId,
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ field: `${'p'.repeat(99)}…`, message: expect.any(String) }]);
    expect(response.body.error_count).toBe(1);
    expect(response.rawBody.length).toBeLessThan(1000);
  });

  it('a long body key is cut without splitting a surrogate pair', async () => {
    const name = `${'a'.repeat(98)}😀${'b'.repeat(50)}`;
    const response = await invoke(createTask, {
      method: 'POST',
      resource: '/tasks',
      path: '/tasks',
      body: { title: 't', [name]: 1 },
      userId,
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { field: `${'a'.repeat(98)}…`, message: 'is not an allowed field' },
    ]);
  });

  it('a request with fewer than 20 problems lists them all, with their count', async () => {
    const response = await invoke(createTask, {
      method: 'POST',
      resource: '/tasks',
      path: '/tasks',
      body: { title: '', status: 'nope', x: 1 },
      userId,
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toHaveLength(3);
    expect(response.body.error_count).toBe(3);
    expect(response.body.detail).toBe('3 fields are invalid');
  });
});
