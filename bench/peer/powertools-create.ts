/**
 * The Powertools peer of `POST /tasks` built with the `makeIdempotent` function wrapper (the form most of
 * Powertools' documentation shows) inside middy: header normalizer → Parser → idempotent create.
 * Bundled for section 5 with the functions' options. See powertools-setup.ts.
 */
import { makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { problemErrors } from '../../functions/shared/http/middleware/problem-errors';
import {
  createTask,
  CreateTaskEventSchema,
  idempotencyConfig,
  persistenceStore,
  powertoolsProblems,
} from './powertools-setup';

export const handler = middy(makeIdempotent(createTask, { persistenceStore, config: idempotencyConfig }))
  .use(problemErrors())
  .use(powertoolsProblems())
  .use(httpHeaderNormalizer())
  .use(parser({ schema: CreateTaskEventSchema }));
