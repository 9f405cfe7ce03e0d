/**
 * The Powertools peer of `POST /tasks` built with the `makeHandlerIdempotent` middy middleware instead of
 * the function wrapper: header normalizer → Parser → idempotency → create. See powertools-setup.ts.
 */
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
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

export const handler = middy(createTask)
  .use(problemErrors())
  .use(powertoolsProblems())
  .use(httpHeaderNormalizer())
  .use(parser({ schema: CreateTaskEventSchema }))
  .use(makeHandlerIdempotent({ persistenceStore, config: idempotencyConfig }));
