import { createRouter } from '../../lib/local/router';

describe('local gateway router', () => {
  const router = createRouter();

  it('matches a route in either stage, with decoded path parameters', () => {
    const resolution = router.resolve('GET', '/v2/tasks/a%20b');
    expect(resolution).toMatchObject({
      kind: 'route',
      stage: 'v2',
      path: '/tasks/a%20b',
      pathParameters: { id: 'a b' },
    });
    expect(resolution.kind === 'route' && resolution.route.id).toBe('GetTask');
    expect(router.resolve('GET', '/v1/health')).toMatchObject({ kind: 'route', stage: 'v1' });
  });

  it('answers method-not-allowed with the resource methods for a known path', () => {
    expect(router.resolve('DELETE', '/v1/tasks')).toEqual({
      kind: 'method-not-allowed',
      stage: 'v1',
      path: '/tasks',
      resource: '/tasks',
      allow: ['POST', 'GET'],
    });
  });

  it('finds nothing for unknown stages, paths and empty parameters', () => {
    for (const path of [
      '/v3/health',
      '/health',
      '/',
      '/v1',
      '/v1/',
      '/v1/nope',
      '/v1/tasks//x',
      '/v1/tasks/a/b',
    ]) {
      expect(router.resolve('GET', path)).toEqual({ kind: 'not-found' });
    }
  });

  it('ignores one trailing slash and keeps a malformed escape as sent', () => {
    expect(router.resolve('GET', '/v1/health/')).toMatchObject({ kind: 'route', path: '/health' });
    expect(router.resolve('GET', '/v1/tasks/%E0%A4%A')).toMatchObject({
      kind: 'route',
      pathParameters: { id: '%E0%A4%A' },
    });
  });
});
