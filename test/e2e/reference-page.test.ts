import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { problemTypes } from '../../functions/shared/errors/problem-types';
import { expectFunctionResponse, expectProblem } from './support/expectations';
import { STAGES, useTestGateway } from './support/http-client';

/** `GET /{stage}/docs` and its files, over HTTP: what a browser gets, and what bad input gets. */
const client = useTestGateway();

const npmFile = (file: string) => readFileSync(require.resolve(`swagger-ui-dist/${file}`), 'utf8');

describe.each(STAGES)('the reference page of %s', (stage) => {
  it('is an HTML page, without a key, that loads only its own files and lists every problem type by its anchor', async () => {
    // Act
    const page = await client.request('GET', `/${stage}/docs`, { apiKey: null });

    // Assert
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; script-src 'self' 'sha256-/,
    );
    expectFunctionResponse(page);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(sources.filter((source) => !source?.startsWith('#') && source !== 'data:,')).toEqual([
      `/${stage}/docs/swagger-ui.css`,
      `/${stage}/docs/swagger-ui-bundle.js`,
    ]);
    for (const kind of Object.keys(problemTypes))
      expect(page.text).toContain(`<article id="${kind}" class="problem">`);
  });

  it('builds the same file URLs when called with a trailing slash', async () => {
    const page = await client.request('GET', `/${stage}/docs/`, { apiKey: null });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`src="/${stage}/docs/swagger-ui-bundle.js"`);
  });

  it.each([
    ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
    ['swagger-ui.css', 'text/css; charset=utf-8'],
  ])('serves %s from the npm package, cacheable, and 304 on revalidation', async (file, contentType) => {
    // Act
    const asset = await client.request('GET', `/${stage}/docs/${file}`, { apiKey: null });
    const etag = asset.headers.get('etag') ?? '';
    const again = await client.request('GET', `/${stage}/docs/${file}`, {
      apiKey: null,
      headers: { 'if-none-match': etag },
    });

    // Assert
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe(contentType);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(asset.text).toBe(npmFile(file));
    expect({ status: again.status, body: again.text, etag: again.headers.get('etag') }).toEqual({
      status: 304,
      body: '',
      etag,
    });
  });
});

describe('bad input to the reference routes gets a 4xx problem, never a 5xx', () => {
  it.each([
    ['an unknown file', 'GET', '/v2/docs/index.html', 404, 'not-found'],
    [
      'a file of the package that is not served',
      'GET',
      '/v2/docs/swagger-ui-bundle.js.map',
      404,
      'not-found',
    ],
    ['a path that climbs out', 'GET', '/v2/docs/..%2F..%2Fpackage.json', 404, 'not-found'],
    ['an encoded absolute path', 'GET', '/v1/docs/%2Fetc%2Fpasswd', 404, 'not-found'],
    ['a deeper path', 'GET', '/v2/docs/a/b', 404, 'not-found'],
    [
      'a query parameter on the page',
      'GET',
      '/v2/docs?url=https://evil.example/openapi.json',
      422,
      'validation-error',
    ],
    ['a query parameter on a file', 'GET', '/v1/docs/swagger-ui.css?v=2', 422, 'validation-error'],
    ['a repeated query parameter', 'GET', '/v2/docs?a=1&a=2', 422, 'validation-error'],
  ])('%s: %s %s → %i', async (_name, method, path, status, type) => {
    expectProblem(await client.request(method, path, { apiKey: null }), status, type);
  });

  it('a malformed If-None-Match is a 400', async () => {
    const response = await client.request('GET', '/v2/docs/swagger-ui.css', {
      apiKey: null,
      headers: { 'if-none-match': 'not-an-etag' },
    });
    expectProblem(response, 400, 'malformed-request');
  });

  it('another method is a 405 with Allow (403 without a key, like every other path)', async () => {
    const post = await client.request('POST', '/v2/docs', { json: {} });
    expectProblem(post, 405, 'method-not-allowed');
    expect(post.headers.get('allow')).toBe('GET');
    expectProblem(
      await client.request('DELETE', '/v2/docs/swagger-ui.css', { apiKey: null }),
      403,
      'forbidden',
    );
  });

  it('any file name and query string: a 4xx problem or the file, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 10 }), {
          maxKeys: 3,
        }),
        async (name, query) => {
          const search = new URLSearchParams(query).toString();
          const response = await client.request(
            'GET',
            `/v2/docs/${encodeURIComponent(name)}${search ? `?${search}` : ''}`,
            { apiKey: null },
          );
          const contentType = response.headers.get('content-type');
          expect({
            status: response.status,
            problem: response.status < 400 || contentType === 'application/problem+json',
          }).toEqual({ status: expect.any(Number), problem: true });
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60, seed: 9 },
    );
  });
});
