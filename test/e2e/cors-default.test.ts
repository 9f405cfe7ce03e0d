import { expectProblem } from './support/expectations';
import { useTestGateway } from './support/http-client';

/**
 * `npm start`'s default: any origin may call the local API (`CORS_ORIGINS` unset is `*` locally; on AWS it
 * is none). The gateway and the functions read the same setting.
 */
const client = useTestGateway();
const ELSEWHERE = 'https://anywhere.example.org';

describe('CORS by default on the local gateway (any origin)', () => {
  it('lets every origin read every answer, functions and gateway alike, without Vary: Origin', async () => {
    // Act
    const preflight = await client.request('OPTIONS', '/v2/tasks/x', {
      apiKey: null,
      headers: { origin: ELSEWHERE },
    });
    const health = await client.request('GET', '/v2/health', {
      apiKey: null,
      headers: { origin: ELSEWHERE },
    });
    const unauthorized = await client.request('GET', '/v2/tasks', { headers: { origin: ELSEWHERE } });
    // Assert
    expect(preflight.status).toBe(204);
    expect(health.status).toBe(200);
    expectProblem(unauthorized, 401, 'unauthorized');
    for (const response of [preflight, health, unauthorized]) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('vary')).toBeNull();
    }
    for (const response of [health, unauthorized])
      expect(response.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
  });
});
