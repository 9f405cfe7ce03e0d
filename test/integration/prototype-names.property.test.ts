import fc from 'fast-check';
import { handler as health } from '../../functions/health/get';
import { handler as listTasks } from '../../functions/tasks/list';
import { buildProxyEvent } from '../../lib/local/proxy-event';
import { invoke, newUserId } from '../support/invoke';
import { headerName, LIST_PARAMETERS, PROTOTYPE_NAMES, queryParameterName } from '../support/request-names';

/**
 * Query parameter and header names are data: a name like `__proto__`, `constructor` or `toString` is an
 * unknown parameter (422) or an ignored header, like any other name, in the event builder and the handlers.
 */
describe('names that collide with Object.prototype, in-process', () => {
  const userId = newUserId();

  it('the event builder keeps every pair as an own property, single and multi-value', () => {
    for (const name of PROTOTYPE_NAMES) {
      // Act
      const event = buildProxyEvent({
        stage: 'v2',
        method: 'GET',
        resource: '/tasks',
        path: '/tasks',
        headers: [
          [name, 'a'],
          [name, 'b'],
        ],
        query: [[name, '1']],
      });
      // Assert
      expect(Object.hasOwn(event.headers, name)).toBe(true);
      expect(event.headers[name]).toBe('b');
      expect(event.multiValueHeaders[name]).toEqual(['a', 'b']);
      expect(event.queryStringParameters?.[name]).toBe('1');
      expect(event.multiValueQueryStringParameters?.[name]).toEqual(['1']);
    }
  });

  it('GET /tasks answers 422 naming any unknown query parameter, prototype names included', async () => {
    await fc.assert(
      fc.asyncProperty(
        queryParameterName(LIST_PARAMETERS),
        fc.constantFrom('v1', 'v2'),
        async (name, stage) => {
          const response = await invoke(listTasks, {
            stage,
            method: 'GET',
            resource: '/tasks',
            path: '/tasks',
            query: [[name, '1']],
            userId,
          });
          expect(response.status).toBe(422);
          expect(response.body.errors).toEqual([{ field: name, message: expect.any(String) }]);
        },
      ),
      { numRuns: 120, examples: PROTOTYPE_NAMES.map((name) => [name, 'v2'] as [string, 'v1' | 'v2']) },
    );
  });

  it('a route without a query schema (GET /health) also answers 422 for each of them', async () => {
    await fc.assert(
      fc.asyncProperty(queryParameterName([]), async (name) => {
        const response = await invoke(health, {
          method: 'GET',
          resource: '/health',
          path: '/health',
          query: [[name, '1']],
        });
        expect(response.status).toBe(422);
        expect(response.body.errors).toEqual([{ field: name, message: 'is not an allowed query parameter' }]);
      }),
      { numRuns: 60, examples: PROTOTYPE_NAMES.map((name) => [name]) },
    );
  });

  it('a repeated prototype-named parameter is "given more than once", not a crash', async () => {
    const response = await invoke(listTasks, {
      method: 'GET',
      resource: '/tasks',
      path: '/tasks',
      query: [
        ['constructor', '1'],
        ['constructor', '2'],
      ],
      userId,
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ field: 'constructor', message: 'must be given once' }]);
  });

  it('an unknown header, whatever its name, changes nothing: GET /tasks still answers 200', async () => {
    await fc.assert(
      fc.asyncProperty(headerName, fc.string({ maxLength: 20 }), async (name, value) => {
        const response = await invoke(listTasks, {
          method: 'GET',
          resource: '/tasks',
          path: '/tasks',
          headers: { [name]: value },
          userId,
        });
        expect(response.status).toBe(200);
        expect(response.body.data).toEqual([]);
      }),
      { numRuns: 80, examples: PROTOTYPE_NAMES.map((name) => [name, 'x']) },
    );
  });
});
