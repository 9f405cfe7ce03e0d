import type middy from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { z } from 'zod';
import type { ApiVersion } from '../../domain/api-version';
import type { ApiLambdaContext } from '../api-context';
import { ProblemError, type FieldError } from '../problem-error';
import type { ApiResponse } from '../response';

/** A schema per API version: v1 and v2 accept different fields. */
export type Versioned<S extends z.ZodType> = { readonly [V in ApiVersion]: S };

/** zod issues as the problem's `errors[]`: one entry per field, unknown fields named one by one. */
export function fieldErrors(error: z.ZodError, root: string): FieldError[] {
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
  return new ProblemError(
    'validation-error',
    `${errors.length} ${noun}${errors.length === 1 ? ' is' : 's are'} invalid`,
    {
      errors,
    },
  );
}

/**
 * Single-valued query parameters; a repeated one is a 422 (which value would win is a guess).
 */
function singleValuedQuery(event: APIGatewayProxyEvent): {
  values: Record<string, string>;
  errors: FieldError[];
} {
  const values: Record<string, string> = {};
  const errors: FieldError[] = [];
  const multi = event.multiValueQueryStringParameters ?? {};
  for (const [name, list] of Object.entries(event.queryStringParameters ?? {})) {
    if ((multi[name]?.length ?? 1) > 1) errors.push({ field: name, message: 'must be given once' });
    else if (list !== undefined) values[name] = list;
  }
  return { values, errors };
}

/** Validates the body and the query string against the version's schemas (422 with `errors[]`). */
export function validate(schemas: {
  body?: Versioned<z.ZodType>;
  query?: Versioned<z.ZodType>;
}): middy.MiddlewareObj<APIGatewayProxyEvent, ApiResponse, Error, ApiLambdaContext> {
  return {
    before: (request) => {
      const api = request.context.api;
      if (schemas.body) {
        const parsed = schemas.body[api.version].safeParse(api.body);
        if (!parsed.success) throw invalid(fieldErrors(parsed.error, 'body'), 'body');
        api.body = parsed.data;
      }
      const { values, errors } = singleValuedQuery(request.event);
      if (errors.length > 0) throw invalid(errors, 'query');
      if (schemas.query) {
        const parsed = schemas.query[api.version].safeParse(values);
        if (!parsed.success) throw invalid(fieldErrors(parsed.error, 'query'), 'query');
        api.query = parsed.data;
      } else if (Object.keys(values).length > 0) {
        throw invalid(
          Object.keys(values).map((name) => ({ field: name, message: 'is not an allowed query parameter' })),
          'query',
        );
      }
    },
  };
}
