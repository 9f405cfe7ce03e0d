import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import createClient from 'openapi-fetch';
import type { components, paths } from '../../client/src/generated/openapi-v2.ts';
import { API_KEY, SOURCE_IP_HEADER } from '../e2e/support/http-client';
import { clientFor, contractFetch, signUp, useClientGateway } from './support/client-fixtures';

/**
 * A client generated from the served v2 document by openapi-typescript (the types `npm run openapi` writes
 * for @task-api/client) with openapi-fetch: it compiles a cursor walk with `limit: 3` and
 * `include_total: true` and gets `components['schemas']['Task']`, and the walk runs against the API. This
 * file is type-checked by `npm run typecheck`, so a document that typed them as strings again fails it.
 */
type Task = components['schemas']['Task'];
type ListQuery = NonNullable<paths['/tasks']['get']['parameters']['query']>;

const root = join(__dirname, '..', '..');
// Asynchronous: the gateway runs in this process, and a blocked event loop would let its keep-alive
// connections time out under the next request.
const run = promisify(execFile);
const gateway = useClientGateway();

describe('a client generated from the served v2 document', () => {
  it('has exactly the types @task-api/client compiles against', async () => {
    // Prepare: the documents the gateway serves, beside the committed generated types
    const copy = mkdtempSync(join(tmpdir(), 'served-types-'));
    try {
      mkdirSync(join(copy, 'docs'));
      for (const version of ['v1', 'v2']) {
        const served = await fetch(`${gateway.url}/${version}/openapi.json`);
        writeFileSync(join(copy, 'docs', `openapi-${version}.json`), await served.text());
      }
      cpSync(join(root, 'client', 'src', 'generated'), join(copy, 'client', 'src', 'generated'), {
        recursive: true,
      });

      // Act: openapi-typescript on them (its own process: the package is ESM-only); rejects on a stale file
      const check = await run(
        process.execPath,
        [
          join(root, 'node_modules/tsx/dist/cli.mjs'),
          join(root, 'client/scripts/generate-types.ts'),
          '--check',
          '--root',
          copy,
        ],
        { encoding: 'utf8' },
      );

      // Assert
      expect(check.stderr).toBe('');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('walks every page with limit: 3 and include_total: true, getting typed tasks', async () => {
    // Prepare: a user with 7 tasks tagged for this walk
    const api = clientFor(gateway.url);
    await signUp(api);
    for (let i = 0; i < 7; i++) await api.tasks.create({ title: `Walk ${i}`, tags: ['walk'] });
    const client = createClient<paths>({
      baseUrl: `${gateway.url}/v2`,
      headers: {
        'x-api-key': API_KEY,
        authorization: `Bearer ${api.auth.token}`,
        [SOURCE_IP_HEADER]: '10.9.9.9',
      },
      fetch: (request: Request) => contractFetch(request.url, request),
    });

    // Act
    const walked: Task[] = [];
    const totals: (number | undefined)[] = [];
    let cursor: string | undefined;
    do {
      const query: ListQuery = {
        tag: 'walk',
        sort_order: 'asc',
        limit: 3,
        include_total: true,
        ...(cursor ? { cursor } : {}),
      };
      const { data, error } = await client.GET('/tasks', { params: { query } });
      if (error) throw new Error(`GET /tasks answered ${error.status}: ${error.detail}`);
      walked.push(...data.data);
      totals.push(data.pagination.total_count);
      cursor = data.pagination.next_cursor ?? undefined;
    } while (cursor !== undefined);

    // Assert
    expect(walked.map((task) => task.title)).toEqual([
      'Walk 0',
      'Walk 1',
      'Walk 2',
      'Walk 3',
      'Walk 4',
      'Walk 5',
      'Walk 6',
    ]);
    expect(totals).toEqual([7, 7, 7]);
  });

  it('refuses, at compile time, a limit or an include_total written as the query string carries them', () => {
    const query = (value: ListQuery): ListQuery => value;
    // @ts-expect-error -- limit is an integer
    query({ limit: '3' });
    // @ts-expect-error -- include_total is a boolean
    query({ include_total: 'true' });
    expect(query({ limit: 3, include_total: true })).toEqual({ limit: 3, include_total: true });
  });
});
