/**
 * What the smoke test does to a stage, in order: the flow a client goes through, each step a check that
 * either holds or stops the run. The checks share the state a client would keep (token, task ids, ETags);
 * the scenario remembers every task it created until it deleted it, so `cleanup` can remove what a failed
 * run left behind.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  expectStatus,
  expectThat,
  jsonObject,
  requireHeader,
  SmokeFailure,
  type SmokeClient,
  type SmokeRequest,
  type SmokeResponse,
} from './http';

export interface SmokeCheck {
  readonly name: string;
  /** Runs the check; resolves to what the ok line says, throws SmokeFailure when it does not hold. */
  run(): Promise<string>;
}

type Version = 'v1' | 'v2';

const PROBLEM_JSON = 'application/problem+json';
/** Pages the listing check reads at most: two tasks at one per page, plus the empty-page edge. */
const MAX_LIST_PAGES = 4;

/** A throwaway identity: unique per run, in the reserved example.com domain, never reused. */
export function throwawayIdentity(now = new Date()) {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return {
    email: `smoke-${stamp}-${randomBytes(4).toString('hex')}@example.com`,
    password: randomBytes(18).toString('base64url'),
  };
}

export class SmokeScenario {
  private version: Version = 'v2';
  private token = '';
  /** The first task: created idempotently, read, patched, deleted. */
  private first = { id: '', etag: '' };
  private secondId = '';
  private readonly idempotencyKey = randomUUID();
  /** Tasks created and not yet deleted: what cleanup removes. */
  private readonly leftovers = new Set<string>();
  private userExists = false;

  constructor(
    private readonly http: SmokeClient,
    private readonly identity = throwawayIdentity(),
  ) {}

  /** The checks, in the order they must run. */
  checks(): SmokeCheck[] {
    return [
      { name: 'health', run: () => this.health() },
      { name: 'register a throwaway user', run: () => this.register() },
      { name: 'log in', run: () => this.login() },
      { name: 'create with an Idempotency-Key', run: () => this.createIdempotently() },
      { name: 'replay the Idempotency-Key', run: () => this.replay() },
      { name: 'read with ETag', run: () => this.read() },
      { name: 'revalidate with If-None-Match', run: () => this.revalidate() },
      { name: 'create a second task', run: () => this.createSecond() },
      {
        name: 'list page by page',
        run: () => (this.version === 'v2' ? this.listByCursor() : this.listBySkip()),
      },
      { name: 'patch with If-Match', run: () => this.patch() },
      { name: 'refuse a stale If-Match', run: () => this.staleIfMatch() },
      { name: 'delete', run: () => this.delete() },
      { name: 'problem+json on a bad request', run: () => this.badRequest() },
    ];
  }

  /** Whether the throwaway user exists (it then stays: the API has no account deletion). */
  get registered(): boolean {
    return this.userExists;
  }

  /** The throwaway user's email. */
  get email(): string {
    return this.identity.email;
  }

  private async health(): Promise<string> {
    const response = await this.http.request('GET', '/health');
    expectStatus(response, 200);
    const body = jsonObject(response);
    expectThat(body.status === 'ok', `health status is ${JSON.stringify(body.status)}, not "ok"`);
    expectThat(
      body.version === 'v1' || body.version === 'v2',
      `unknown version ${JSON.stringify(body.version)}`,
    );
    this.version = body.version;
    return `the stage serves ${this.version}`;
  }

  private async register(): Promise<string> {
    const response = await this.http.request('POST', '/auth/register', {
      json: { ...this.identity, name: 'Smoke test' },
    });
    expectStatus(response, 201);
    this.userExists = true;
    const body = jsonObject(response);
    expectThat(
      body.email === this.identity.email,
      `registered ${JSON.stringify(body.email)}, not ${this.identity.email}`,
    );
    return this.identity.email;
  }

  private async login(): Promise<string> {
    const response = await this.http.request('POST', '/auth/login', { json: this.identity });
    expectStatus(response, 200);
    const body = jsonObject(response);
    expectThat(typeof body.access_token === 'string' && body.access_token !== '', 'no access_token');
    expectThat(
      body.token_type === 'Bearer',
      `token_type is ${JSON.stringify(body.token_type)}, not "Bearer"`,
    );
    this.token = body.access_token;
    return 'got a bearer token';
  }

  private createRequest(key?: string): SmokeRequest {
    return {
      token: this.token,
      json: { title: 'Smoke test task', description: 'Created by npm run smoke; deleted by it too' },
      headers: key === undefined ? {} : { 'idempotency-key': key },
    };
  }

  private async createIdempotently(): Promise<string> {
    const response = await this.http.request('POST', '/tasks', this.createRequest(this.idempotencyKey));
    expectStatus(response, 201);
    const task = this.taskOf(response);
    this.leftovers.add(task.id);
    const location = requireHeader(response, 'location');
    expectThat(location.endsWith(`/tasks/${task.id}`), `Location ${location} does not name task ${task.id}`);
    this.first = { id: task.id, etag: requireHeader(response, 'etag') };
    return `201, task ${task.id}, ETag ${this.first.etag}`;
  }

  private async replay(): Promise<string> {
    const response = await this.http.request('POST', '/tasks', this.createRequest(this.idempotencyKey));
    expectStatus(response, 201);
    const task = this.taskOf(response);
    // A new id here means the API created a duplicate: delete it too.
    this.leftovers.add(task.id);
    expectThat(task.id === this.first.id, `a replay created another task (${task.id}, not ${this.first.id})`);
    expectThat(
      response.headers.get('idempotent-replayed') === 'true',
      'no Idempotent-Replayed: true on the replayed answer',
    );
    expectThat(response.headers.get('etag') === this.first.etag, 'the replay has another ETag');
    return 'the same task, Idempotent-Replayed: true';
  }

  private async read(): Promise<string> {
    const response = await this.http.request('GET', `/tasks/${this.first.id}`, { token: this.token });
    expectStatus(response, 200);
    expectThat(this.taskOf(response).id === this.first.id, 'read another task');
    const etag = requireHeader(response, 'etag');
    expectThat(
      etag === this.first.etag,
      `ETag ${etag} differs from the one create answered (${this.first.etag})`,
    );
    return `200, ETag ${etag}`;
  }

  private async revalidate(): Promise<string> {
    const response = await this.http.request('GET', `/tasks/${this.first.id}`, {
      token: this.token,
      headers: { 'if-none-match': this.first.etag },
    });
    expectStatus(response, 304);
    expectThat(response.text === '', 'a 304 with a body');
    return '304 Not Modified, no body';
  }

  private async createSecond(): Promise<string> {
    const response = await this.http.request('POST', '/tasks', this.createRequest());
    expectStatus(response, 201);
    this.secondId = this.taskOf(response).id;
    this.leftovers.add(this.secondId);
    return `201, task ${this.secondId}`;
  }

  /** Newest first (the default order), one task per page: the second task, then the first. */
  private expectedOrder(): string[] {
    return [this.secondId, this.first.id];
  }

  private async listByCursor(): Promise<string> {
    const seen: string[] = [];
    let query = '?limit=1';
    for (let page = 1; page <= MAX_LIST_PAGES; page++) {
      const response = await this.http.request('GET', `/tasks${query}`, { token: this.token });
      expectStatus(response, 200);
      const body = jsonObject(response) as {
        data?: { id?: unknown }[];
        pagination?: { next_cursor?: unknown; has_more?: unknown };
      };
      expectThat(Array.isArray(body.data) && body.pagination, 'not a v2 page ({ data, pagination, links })');
      seen.push(...body.data.map((task) => String(task.id)));
      if (body.pagination.has_more !== true) {
        expectThat(body.pagination.next_cursor === null, 'the last page has a next_cursor');
        this.expectListed(seen);
        return `${page} pages by cursor, each task once, newest first`;
      }
      expectThat(typeof body.pagination.next_cursor === 'string', 'has_more without a next_cursor');
      query = `?limit=1&cursor=${encodeURIComponent(body.pagination.next_cursor)}`;
    }
    throw new SmokeFailure(
      `still has_more after ${MAX_LIST_PAGES} pages of one task (listed ${seen.join(', ')})`,
    );
  }

  private async listBySkip(): Promise<string> {
    const seen: string[] = [];
    for (const skip of [0, 1]) {
      const response = await this.http.request('GET', `/tasks?limit=1&skip=${skip}`, { token: this.token });
      expectStatus(response, 200);
      const body = jsonObject(response) as { items?: { id?: unknown }[]; total_count?: unknown };
      expectThat(Array.isArray(body.items), 'not a v1 page ({ items, total_count, skip, limit })');
      expectThat(body.total_count === 2, `total_count is ${JSON.stringify(body.total_count)}, not 2`);
      seen.push(...body.items.map((task) => String(task.id)));
    }
    this.expectListed(seen);
    return '2 pages by skip, each task once, newest first, total_count 2';
  }

  private expectListed(seen: string[]): void {
    const expected = this.expectedOrder();
    expectThat(
      JSON.stringify(seen) === JSON.stringify(expected),
      `listed [${seen.join(', ')}], expected [${expected.join(', ')}]`,
    );
  }

  private async patch(): Promise<string> {
    const response = await this.http.request('PATCH', `/tasks/${this.first.id}`, {
      token: this.token,
      json: { status: 'completed' },
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': this.first.etag },
    });
    expectStatus(response, 200);
    const task = this.taskOf(response);
    expectThat(task.status === 'completed', `status is ${JSON.stringify(task.status)} after the patch`);
    const etag = requireHeader(response, 'etag');
    expectThat(etag !== this.first.etag, 'the ETag did not change with the task');
    const stale = this.first.etag;
    this.first = { id: this.first.id, etag };
    return `200, completed, ETag ${stale} → ${etag}`;
  }

  private async staleIfMatch(): Promise<string> {
    const response = await this.http.request('PATCH', `/tasks/${this.first.id}`, {
      token: this.token,
      json: { status: 'pending' },
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': '"v-stale"' },
    });
    expectProblem(response, 412);
    return '412 problem+json';
  }

  private async delete(): Promise<string> {
    const deleted = await this.http.request('DELETE', `/tasks/${this.first.id}`, { token: this.token });
    expectStatus(deleted, 204);
    this.leftovers.delete(this.first.id);
    const gone = await this.http.request('GET', `/tasks/${this.first.id}`, { token: this.token });
    expectProblem(gone, 404);
    return '204, then GET answers 404 problem+json';
  }

  private async badRequest(): Promise<string> {
    const response = await this.http.request('POST', '/tasks', {
      token: this.token,
      json: { title: '', smoke: 'an unknown field' },
    });
    const problem = expectProblem(response, 422);
    expectThat(
      Array.isArray(problem.errors) && problem.errors.length > 0,
      'a validation problem without errors[]',
    );
    return `422 problem+json, ${problem.errors.length} field errors`;
  }

  /**
   * Deletes every task the run created and did not delete, then checks the user's list is empty (nothing
   * to do, and undefined, when the run never logged in). Runs
   * after a failure too, so a broken deploy does not leave smoke tasks behind (best effort: reported, and
   * never hiding the failure that stopped the run).
   */
  async cleanup(http: SmokeClient = this.http): Promise<string | undefined> {
    if (this.token === '') return undefined;
    const deleted: string[] = [];
    for (const id of this.leftovers) {
      const response = await http.request('DELETE', `/tasks/${id}`, { token: this.token });
      expectThat(
        response.status === 204 || response.status === 404,
        `DELETE /tasks/${id} answered ${response.status}`,
      );
      this.leftovers.delete(id);
      if (response.status === 204) deleted.push(id);
    }
    const list = await http.request('GET', '/tasks', { token: this.token });
    expectStatus(list, 200);
    const body = jsonObject(list);
    const remaining = (this.version === 'v2' ? body.data : body.items) as unknown[] | undefined;
    expectThat(
      Array.isArray(remaining) && remaining.length === 0,
      `tasks remain: ${list.text.slice(0, 200)}`,
    );
    const count = deleted.length === 1 ? '1 leftover task' : `${deleted.length} leftover tasks`;
    return `deleted ${count}; the user's list is empty`;
  }

  private taskOf(response: SmokeResponse): { id: string; status?: unknown } {
    const body = jsonObject(response);
    expectThat(typeof body.id === 'string' && body.id !== '', `no task id in ${response.text.slice(0, 200)}`);
    return body as { id: string; status?: unknown };
  }
}

/** An RFC 9457 problem with this status: the content type and the four members every problem has. */
function expectProblem(
  response: SmokeResponse,
  status: number,
): Record<string, unknown> & { errors?: unknown[] } {
  expectStatus(response, status);
  const contentType = response.headers.get('content-type') ?? '';
  expectThat(
    contentType.startsWith(PROBLEM_JSON),
    `content type ${contentType || '(none)'}, not ${PROBLEM_JSON}`,
  );
  const problem = jsonObject(response);
  for (const member of ['type', 'title', 'detail'] as const)
    expectThat(typeof problem[member] === 'string', `the problem has no ${member}`);
  expectThat(problem.status === status, `the problem says status ${JSON.stringify(problem.status)}`);
  return problem;
}
