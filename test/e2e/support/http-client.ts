/**
 * E2E fixtures: a gateway started in-process on a free port, a small HTTP client over global `fetch` that
 * checks every answer against the OpenAPI document the gateway serves (the contract test), and users
 * registered from their own (test-only) source IPs so the per-IP register limit is never shared.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { localApiKeys } from '../../../lib/config/usage-plans';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../../lib/local/gateway';
import { expectConformingAnswer } from '../../support/openapi-contract';

/** The test-only header the gateway takes `identity.sourceIp` from (see GatewayOptions.sourceIpHeader). */
export const SOURCE_IP_HEADER = 'x-test-source-ip';

const [basicKey, premiumKey] = [...localApiKeys().keys()];
export const API_KEY = basicKey ?? 'local-dev-key';
export const PREMIUM_API_KEY = premiumKey ?? 'local-premium-key';

export const STAGES = ['v1', 'v2'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * A local gateway for one test file: started before its tests, closed after them. The returned client
 * points at it once it is up.
 */
export function useTestGateway(options: GatewayOptions = {}): HttpClient {
  const client = new HttpClient('');
  let gateway: RunningGateway | undefined;
  beforeAll(async () => {
    gateway = await startTestGateway(options);
    client.baseUrl = gateway.url;
  });
  afterAll(() => gateway?.close());
  return client;
}

export function startTestGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  return startGateway({ port: 0, host: '127.0.0.1', sourceIpHeader: SOURCE_IP_HEADER, ...options });
}

/** A random client IP from 10.0.0.0/8: one per registering user. */
export function newClientIp(): string {
  const [a = 0, b = 0, c = 0] = randomBytes(3);
  return `10.${a}.${b}.${c}`;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, undefined when empty or not JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

export interface RequestOptions {
  apiKey?: string | null;
  token?: string;
  /** A value sent as JSON (Content-Type: application/json unless `headers` set one), or raw bytes/text. */
  json?: unknown;
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
  sourceIp?: string;
}

export interface HttpClientOptions {
  /**
   * Check every answer against the served OpenAPI document (default). Off only for gateways whose functions
   * are test stubs, which answer nothing the document describes.
   */
  contract?: boolean;
}

export class HttpClient {
  private readonly contract: boolean;

  constructor(
    public baseUrl: string,
    options: HttpClientOptions = {},
  ) {
    this.contract = options.contract ?? true;
  }

  /** One request; `apiKey` defaults to the basic plan's key (`null` sends none). */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { ...options.headers };
    const apiKey = options.apiKey === undefined ? API_KEY : options.apiKey;
    if (apiKey !== null) headers['x-api-key'] = apiKey;
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.sourceIp !== undefined) headers[SOURCE_IP_HEADER] = options.sourceIp;
    let body: string | Uint8Array | undefined = options.raw;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
        headers['content-type'] = 'application/json';
    }
    const url = `${this.baseUrl}${path}`;
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    if (this.contract)
      await expectConformingAnswer({ method, url, status: response.status, headers: response.headers, text });
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  }
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  /** The user's own client IP (register and login are limited per IP). */
  ip: string;
}

/** Registers and logs in a fresh user through the gateway. */
export async function signUp(client: HttpClient, stage: Stage = 'v2'): Promise<TestUser> {
  const ip = newClientIp();
  const email = `e2e-${randomUUID()}@example.com`;
  const password = 'correct horse battery staple';
  const registered = await client.request('POST', `/${stage}/auth/register`, {
    json: { email, password },
    sourceIp: ip,
  });
  if (registered.status !== 201)
    throw new Error(`register answered ${registered.status}: ${registered.text}`);
  const login = await client.request('POST', `/${stage}/auth/login`, {
    json: { email, password },
    sourceIp: ip,
  });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.text}`);
  return { id: registered.body.id, email, password, token: login.body.access_token, ip };
}
