import type { APIGatewayProxyEvent } from 'aws-lambda';
import type * as z from 'zod/mini';
import { MAX_LISTED_ERRORS } from '../../errors/problem-body';
import { ProblemError, type FieldError } from '../../errors/problem-error';
import type { RequestContract } from '../route-contract';
import type { ApiMiddleware, ApiMiddlewareRequest } from './types';

/** zod issues as the problem's `errors[]`: one entry per field, unknown fields named one by one. */
export function fieldErrors(error: z.core.$ZodError, root: string): FieldError[] {
  return error.issues.flatMap((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : root;
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...issue.path, key].join('.'),
        message: 'is not an allowed field',
      }));
    }
    return [{ field, message: issue.message }];
  });
}

function invalid(errors: FieldError[], where: 'body' | 'query'): ProblemError {
  const noun = where === 'body' ? 'field' : 'query parameter';
  const listed = errors.length > MAX_LISTED_ERRORS ? `; the first ${MAX_LISTED_ERRORS} are listed` : '';
  return new ProblemError(
    'validation-error',
    `${errors.length} ${noun}${errors.length === 1 ? ' is' : 's are'} invalid${listed}`,
    { errors },
  );
}

/**
 * Single-valued query parameters; a repeated one is a 422 (which value would win is a guess). Parameter
 * names are request data: only own properties of the event's maps are read, and the values land in a
 * null-prototype object, so `?__proto__=1` or `?constructor=1` is an unknown parameter like any other.
 */
function singleValuedQuery(event: APIGatewayProxyEvent): {
  values: Record<string, string>;
  errors: FieldError[];
} {
  const values = Object.create(null) as Record<string, string>;
  const errors: FieldError[] = [];
  const multi = event.multiValueQueryStringParameters ?? {};
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
    const all = Object.hasOwn(multi, name) ? multi[name] : undefined;
    if ((all?.length ?? 1) > 1) errors.push({ field: name, message: 'must be given once' });
    else if (value !== undefined) values[name] = value;
  }
  return { values, errors };
}

/** A request header by its lower-cased name (own entries only). */
const headerValue = (headers: Record<string, string>, name: string): string | undefined =>
  Object.hasOwn(headers, name) ? headers[name] : undefined;

/** The first issue's message: a path or header problem is one sentence, not a list. */
const firstMessage = (error: z.core.$ZodError): string => error.issues[0]?.message ?? 'is invalid';

/**
 * Validates a request against its route's contract, in this order: body and query string (422 with
 * `errors[]`), path parameters (404: a path that cannot name anything names nothing), declared headers
 * (400 naming the header). The parsed values replace the raw ones for the handler.
 */
export function validate(contract: RequestContract = {}): ApiMiddleware {
  const headerNames = contract.headers ? Object.keys(contract.headers.shape) : [];
  const validateBefore = (request: ApiMiddlewareRequest): void => {
    const api = request.context.api;
    if (contract.body) {
      const parsed = contract.body.schema[api.version].safeParse(api.body);
      if (!parsed.success) throw invalid(fieldErrors(parsed.error, 'body'), 'body');
      api.body = parsed.data;
    }
    const { values, errors } = singleValuedQuery(request.event);
    if (errors.length > 0) throw invalid(errors, 'query');
    if (contract.query) {
      const parsed = contract.query[api.version].safeParse(values);
      if (!parsed.success) throw invalid(fieldErrors(parsed.error, 'query'), 'query');
      api.query = parsed.data;
    } else if (Object.keys(values).length > 0) {
      throw invalid(
        Object.keys(values).map((name) => ({ field: name, message: 'is not an allowed query parameter' })),
        'query',
      );
    }
    if (contract.path) {
      const parsed = contract.path.safeParse(request.event.pathParameters ?? {});
      if (!parsed.success) throw new ProblemError('not-found', firstMessage(parsed.error));
      api.params = parsed.data;
    }
    if (contract.headers) {
      const given = Object.fromEntries(
        headerNames.map((name) => [name, headerValue(api.headers, name.toLowerCase())]),
      );
      const parsed = contract.headers.safeParse(given);
      if (!parsed.success) throw new ProblemError('malformed-request', firstMessage(parsed.error));
      api.requestHeaders = parsed.data;
    }
  };
  return { before: validateBefore };
}
