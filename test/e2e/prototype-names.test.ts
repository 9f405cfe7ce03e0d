import fc from 'fast-check';
import { expectProblem } from './support/expectations';
import { signUp, STAGES, useTestGateway, type TestUser } from './support/http-client';
import { headerName, LIST_PARAMETERS, PROTOTYPE_NAMES, queryParameterName } from '../support/request-names';

/**
 * Through the local gateway over HTTP: a query parameter or header named like one of JavaScript's own
 * properties (`__proto__`, `constructor`, `toString`, …) is data like any other name, never a 500.
 */
const client = useTestGateway();
let user: TestUser;

beforeAll(async () => {
  user = await signUp(client);
});

const query = (name: string) => new URLSearchParams([[name, '1']]).toString();

describe('prototype-named parameters and headers over HTTP', () => {
  it('an unknown query parameter, whatever its name, is a 422 naming it, on every route kind', async () => {
    await fc.assert(
      fc.asyncProperty(
        queryParameterName(LIST_PARAMETERS),
        fc.constantFrom(...STAGES),
        fc.constantFrom('/tasks', '/users/me', '/health'),
        async (name, stage, path) => {
          const response = await client.request('GET', `/${stage}${path}?${query(name)}`, {
            token: user.token,
          });
          expectProblem(response, 422, 'validation-error');
          expect(response.body.errors).toEqual([{ field: name, message: expect.any(String) }]);
        },
      ),
      {
        numRuns: 100,
        examples: PROTOTYPE_NAMES.map((name) => [name, 'v2', '/tasks'] as [string, 'v2', '/tasks']),
      },
    );
  });

  it('a header, whatever its name, is passed on and ignored: the answer is the one without it', async () => {
    const plain = await client.request('GET', '/v2/users/me', { token: user.token });
    await fc.assert(
      fc.asyncProperty(headerName, fc.stringMatching(/^[ -~]{0,20}$/), async (name, value) => {
        const response = await client.request('GET', '/v2/users/me', {
          token: user.token,
          headers: { [name]: value },
        });
        expect(response.status).toBe(200);
        expect(response.body).toEqual(plain.body);
      }),
      { numRuns: 100, examples: PROTOTYPE_NAMES.map((name) => [name, 'x']) },
    );
  });

  it('a gateway-made answer (405, 404, 403) is unchanged by such names too', async () => {
    for (const name of PROTOTYPE_NAMES) {
      const notAllowed = await client.request('PATCH', `/v2/tasks?${query(name)}`, {
        headers: { [name]: '1' },
        token: user.token,
      });
      const notFound = await client.request('GET', `/v2/${encodeURIComponent(name)}`, {
        headers: { [name]: '1' },
      });
      const noKey = await client.request('GET', `/v2/tasks?${query(name)}`, {
        apiKey: null,
        token: user.token,
        headers: { [name]: '1' },
      });
      expectProblem(notAllowed, 405, 'method-not-allowed');
      expectProblem(notFound, 404, 'not-found');
      expectProblem(noKey, 403, 'forbidden');
    }
  });
});
