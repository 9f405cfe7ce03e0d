import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expectProblem } from './support/expectations';
import { useTestGateway } from './support/http-client';

/**
 * v1's deprecation signals over HTTP, with a sunset set as a deployer sets it for `npm start`
 * (`V1_SUNSET=2027-06-30 npm start`): the functions read it at their cold start in this process.
 */
const previous = process.env.V1_SUNSET;
process.env.V1_SUNSET = '2027-06-30';
afterAll(() => {
  if (previous === undefined) delete process.env.V1_SUNSET;
  else process.env.V1_SUNSET = previous;
});

const client = useTestGateway();
const root = join(__dirname, '..', '..');

describe('v1, the previous version', () => {
  it.each(['/health', '/openapi.json', '/docs'])(
    'answers %s with Deprecation, Link and Sunset',
    async (path) => {
      const response = await client.request('GET', `/v1${path}`, { apiKey: null });
      expect(response.status).toBe(200);
      expect({
        deprecation: response.headers.get('deprecation'),
        link: response.headers.get('link'),
        sunset: response.headers.get('sunset'),
      }).toEqual({
        deprecation: '@1795651200',
        link: `</v2${path}>; rel="successor-version"`,
        sunset: 'Wed, 30 Jun 2027 00:00:00 GMT',
      });
    },
  );

  it("keeps them off the gateway's own answers, which are per REST API and not per stage", async () => {
    const response = await client.request('GET', '/v1/users/me', { apiKey: null });
    expectProblem(response, 401, 'unauthorized');
    expect(response.headers.get('deprecation')).toBeNull();
  });
});

describe('v2, the current version', () => {
  it('answers without any of them', async () => {
    const response = await client.request('GET', '/v2/health', { apiKey: null });
    expect(['deprecation', 'link', 'sunset'].map((name) => response.headers.get(name))).toEqual([
      null,
      null,
      null,
    ]);
  });
});

it('npm start refuses a malformed V1_SUNSET before starting anything', async () => {
  // Asynchronous: the gateway runs in this process and must keep serving its connections meanwhile.
  const result = await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), 'bin/local.ts'],
    {
      cwd: root,
      env: { ...process.env, V1_SUNSET: 'next spring', PORT: '0', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' },
      encoding: 'utf8',
      timeout: 60_000,
    },
  ).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr ?? '' }),
  );
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(
    'Could not start: Invalid function configuration: V1_SUNSET: must be a date',
  );
}, 60_000);
