/**
 * The contract test: an answer the API gave, checked against the OpenAPI document that the same API
 * serves (`GET /{stage}/openapi.json`): the status is documented for the operation, the content type is one
 * of its media types, the body validates against its JSON Schema (2020-12, ajv), every required header is
 * there, every header sent is documented, and each one's value matches its schema. The e2e HTTP client and
 * the TypeScript client's tests run every answer they receive through it, so a drift between the code and
 * the document fails the suite.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** An answer as a client received it. */
export interface ObservedAnswer {
  readonly method: string;
  /** The URL requested (absolute). */
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

type Json = Record<string, unknown>;

/** Headers of the transport, not of the API: HTTP/1.1 framing and the date. */
const TRANSPORT_HEADERS = new Set([
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

const JSON_MEDIA = /^application\/(?:[\w.-]+\+)?json$/;

/** A JSON Pointer token (RFC 6901). */
const pointerToken = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** One served document, ready to check answers against. */
class DocumentContract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly paths: { template: string; pattern: RegExp }[];

  constructor(
    private readonly document: Json,
    private readonly id: string,
  ) {
    addFormats(this.ajv);
    this.ajv.addSchema(document, id);
    this.paths = Object.keys(document.paths as Json).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^/]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
    }));
  }

  /** What is wrong with the answer to `method path` (path below the stage), or nothing. */
  violations(method: string, path: string, answer: ObservedAnswer): string[] {
    const match = this.paths.find(({ pattern }) => pattern.test(path));
    const pathItem = match ? ((this.document.paths as Json)[match.template] as Json) : undefined;
    const operation = pathItem?.[method.toLowerCase()] as Json | undefined;
    if (match && operation) {
      const pointer = `#/paths/${pointerToken(match.template)}/${method.toLowerCase()}/responses/${answer.status}`;
      const response = (operation.responses as Json)[String(answer.status)] as Json | undefined;
      if (!response) return [`status ${answer.status} is not documented for ${method} ${match.template}`];
      return this.responseViolations(this.resolve(response), pointer, answer);
    }
    // No operation: an unknown path, or another method on a known one (405, or the key check before it).
    // The answer must be a documented problem: the status's answer on the path's operations, else any problem.
    const documented = pathItem
      ? Object.entries(pathItem).find(
          ([, candidate]) =>
            (candidate as Json).responses && ((candidate as Json).responses as Json)[String(answer.status)],
        )
      : undefined;
    if (documented && match) {
      const pointer = `#/paths/${pointerToken(match.template)}/${documented[0]}/responses/${answer.status}`;
      const response = ((documented[1] as Json).responses as Json)[String(answer.status)] as Json;
      return this.responseViolations(this.resolve(response), pointer, answer);
    }
    return this.problemViolations(answer);
  }

  /** An answer outside every operation: a problem, with documented headers only. */
  problemViolations(answer: ObservedAnswer): string[] {
    const problems: string[] = [];
    if (answer.status < 400)
      problems.push(`status ${answer.status} answers a request no operation documents`);
    if (answer.headers.get('content-type') !== 'application/problem+json')
      problems.push(`content type ${answer.headers.get('content-type')} instead of application/problem+json`);
    // A HEAD answer has the headers of the GET it stands for and never a body (RFC 9110 §9.3.2).
    if (answer.method !== 'HEAD')
      problems.push(...this.bodyViolations('#/components/schemas/Problem', answer.text, true));
    const headers = (this.document.components as Json).headers as Json;
    for (const [name, value] of answer.headers) {
      if (TRANSPORT_HEADERS.has(name) || name === 'content-type') continue;
      const header = Object.entries(headers).find(
        ([documented]) => documented.split('.')[0]!.toLowerCase() === name,
      );
      if (!header) problems.push(`header ${name} is not documented`);
      else problems.push(...this.headerValueViolations(name, value, header[1] as Json));
    }
    return problems;
  }

  private responseViolations(response: Json, pointer: string, answer: ObservedAnswer): string[] {
    const problems: string[] = [];
    const content = response.content as Json | undefined;
    const contentType = answer.headers.get('content-type');
    if (answer.method === 'HEAD') {
      if (answer.text !== '') problems.push('a body on a HEAD answer');
    } else if (!content) {
      if (answer.text !== '') problems.push(`a body (${contentType}) where the document describes none`);
    } else {
      const mediaType = (contentType ?? '').split(';')[0]!.trim();
      if (!(mediaType in content)) {
        problems.push(`content type ${contentType} is not one of ${Object.keys(content).join(', ')}`);
      } else {
        problems.push(
          ...this.bodyViolations(
            `${pointer}/content/${pointerToken(mediaType)}/schema`,
            answer.text,
            JSON_MEDIA.test(mediaType),
          ),
        );
      }
    }
    const documented = Object.fromEntries(
      Object.entries((response.headers ?? {}) as Json).map(([name, header]) => [
        name.toLowerCase(),
        this.resolve(header as Json),
      ]),
    );
    for (const [name, header] of Object.entries(documented)) {
      const value = answer.headers.get(name);
      if (value === null) {
        if (header.required === true) problems.push(`required header ${name} is missing`);
      } else {
        problems.push(...this.headerValueViolations(name, value, header));
      }
    }
    for (const [name] of answer.headers) {
      if (!(name in documented) && !TRANSPORT_HEADERS.has(name) && name !== 'content-type')
        problems.push(`header ${name} is not documented for this answer`);
    }
    return problems;
  }

  private bodyViolations(schemaPointer: string, text: string, isJson: boolean): string[] {
    let body: unknown = text;
    if (isJson) {
      try {
        body = JSON.parse(text);
      } catch {
        return [`the body is not JSON: ${text.slice(0, 100)}`];
      }
    }
    const validate = this.validator(schemaPointer);
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (error) =>
        `body${error.instancePath} ${error.message ?? 'is invalid'} (${JSON.stringify(error.params)})`,
    );
  }

  private headerValueViolations(name: string, value: string, header: Json): string[] {
    const schema = header.schema as Json;
    const typed = schema.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
    const validate = this.ajv.compile(schema);
    if (validate(typed)) return [];
    return [`header ${name}: ${JSON.stringify(value)} ${validate.errors?.[0]?.message ?? 'is invalid'}`];
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${this.id}${pointer}` });
      this.validators.set(pointer, validate);
    }
    return validate;
  }

  /** A response or header object, its `$ref` (to a component) followed. */
  private resolve(object: Json): Json {
    const ref = object.$ref;
    if (typeof ref !== 'string') return object;
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (node, token) => (node as Json)[token.replace(/~1/g, '/').replace(/~0/g, '~')],
        this.document,
      );
    return target as Json;
  }
}

/** The served documents, fetched once per origin and stage. */
const contracts = new Map<string, Promise<DocumentContract | undefined>>();

function contractOf(origin: string, stage: string): Promise<DocumentContract | undefined> {
  const key = `${origin}/${stage}`;
  let contract = contracts.get(key);
  if (!contract) {
    contract = fetch(`${key}/openapi.json`).then(async (response) => {
      // Outside the stages there is no document (and no operation): answers are checked as problems.
      if (response.status === 404) return undefined;
      if (response.status !== 200) throw new Error(`GET ${key}/openapi.json answered ${response.status}`);
      return new DocumentContract((await response.json()) as Json, `${key}/openapi.json`);
    });
    contracts.set(key, contract);
    contract.catch(() => contracts.delete(key));
  }
  return contract;
}

/** The stage the document of an outside-the-stages answer is taken from: any stage holds the same Problem. */
const ANY_STAGE = 'v2';

/** What is wrong with an answer according to the document its API serves (empty when it conforms). */
export async function contractViolations(answer: ObservedAnswer): Promise<string[]> {
  const url = new URL(answer.url);
  const [, stage = '', ...rest] = url.pathname.split('/');
  let path = `/${rest.join('/')}`;
  // API Gateway ignores one trailing slash.
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const contract = /^v\d+$/.test(stage) ? await contractOf(url.origin, stage) : undefined;
  if (contract) return contract.violations(answer.method, path, answer);
  const anyContract = await contractOf(url.origin, ANY_STAGE);
  if (!anyContract) throw new Error(`${url.origin} serves no OpenAPI document`);
  return anyContract.problemViolations(answer);
}

/** Throws, naming every violation, when an answer does not match the served document. */
export async function expectConformingAnswer(answer: ObservedAnswer): Promise<void> {
  const violations = await contractViolations(answer);
  if (violations.length > 0) {
    const { pathname, search } = new URL(answer.url);
    throw new Error(
      `The answer to ${answer.method} ${pathname}${search} (${answer.status}) is not what the served OpenAPI document says:\n  - ${violations.join('\n  - ')}\n  body: ${answer.text.slice(0, 300)}`,
    );
  }
}
