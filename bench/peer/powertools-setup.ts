/**
 * What both Powertools peers of `POST /tasks` share (section 4 of `npm run bench`; never deployed): the
 * way a team would build an idempotent create with Powertools for AWS Lambda (TypeScript) — the
 * Idempotency utility with its DynamoDB persistence layer, the Parser utility validating the API Gateway
 * event, middy — on top of this project's own task code, so that only idempotency and validation differ
 * from `functions/tasks/create.ts`: the same `newTask`, the same task transaction (put + counters), the
 * same representation and problem+json errors.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { ParseError } from '@aws-lambda-powertools/parser';
import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { APIGatewayProxyEventSchema } from '@aws-lambda-powertools/parser/schemas/api-gateway';
import type middy from '@middy/core';
import { z } from 'zod';
import { taskRepository } from '../../functions/shared/data/task-repository';
import { newTask } from '../../functions/shared/domain/task';
import { taskPath } from '../../functions/shared/domain/task-representation';
import { ProblemError } from '../../functions/shared/errors/problem-error';
import type { ApiResponse } from '../../functions/shared/http/response';
import { taskResponse } from '../../functions/shared/http/task-response';

const endpoint = process.env.DYNAMODB_ENDPOINT;

/**
 * The client the persistence layer uses (Powertools builds one itself unless given one). Configured like
 * the functions' client, and exported so the benchmark's request meter can count what it sends.
 */
export const powertoolsClient = new DynamoDBClient({
  region: process.env.AWS_REGION,
  maxAttempts: 3,
  ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
});

/** The persistence layer on its own table (partition key `id`, TTL on `expiration`: Powertools' defaults). */
export const persistenceStore = new DynamoDBPersistenceLayer({
  tableName: process.env.IDEMPOTENCY_TABLE_NAME ?? '',
  awsSdkV3Client: powertoolsClient,
});

/**
 * The key is the user and the (normalized, lowercase) header together, so two users' keys never collide;
 * without the header the expression is null and the request is simply not idempotent, as in this API.
 * The parsed body is the payload to validate: the same key with another body is refused, not replayed.
 * Records live 24 hours, as this API's do; a replay is marked with the header this API sends.
 */
export const idempotencyConfig = new IdempotencyConfig({
  eventKeyJmesPath:
    'headers."idempotency-key" && [requestContext.authorizer.principalId, headers."idempotency-key"]',
  payloadValidationJmesPath: 'body',
  throwOnNoIdempotencyKey: false,
  expiresAfterSeconds: 24 * 60 * 60,
  responseHook: (response) => {
    const stored = response as unknown as ApiResponse;
    return { ...stored, headers: { ...stored.headers, 'Idempotent-Replayed': 'true' } };
  },
});

/**
 * The API Gateway proxy event as Parser validates it, with the task as its JSON body. The built-in schema
 * keeps a Lambda authorizer's `principalId` (this API's authorizer sets it to the user id) and strips the
 * rest of the authorizer context.
 */
/**
 * The task body as a Powertools user writes it: Parser takes classic zod schemas (the API's own are
 * zod/mini), so the peer states the same rules in classic zod, as its users would.
 */
const TaskBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable().optional(),
  status: z.enum(['pending', 'in_progress', 'completed']).optional(),
  priority: z.enum(['low', 'medium', 'high']).optional(),
  due_date: z.iso.date().nullable().optional(),
  tags: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9_-]{1,30}$/),
    )
    .max(10)
    .optional(),
});

export const CreateTaskEventSchema = APIGatewayProxyEventSchema.extend({
  body: JSONStringified(TaskBodySchema),
});
export type CreateTaskEvent = z.infer<typeof CreateTaskEventSchema>;

/** The business function: the same work as `functions/tasks/create.ts` without a key (v2 only). */
export async function createTask(event: CreateTaskEvent): Promise<ApiResponse> {
  const authorizer = event.requestContext.authorizer;
  if (!authorizer || !('principalId' in authorizer)) throw new Error('no Lambda authorizer context');
  const task = newTask(authorizer.principalId, event.body);
  await taskRepository.create(task);
  return taskResponse(201, task, 'v2', { Location: taskPath('v2', task.id) });
}

/**
 * Powertools' errors as this API's problems (unhandled, a concurrent duplicate would be a 500): runs
 * before the problem+json renderer, which is used after it.
 */
export function powertoolsProblems(): middy.MiddlewareObj {
  return {
    onError: (request) => {
      const { error } = request;
      if (error instanceof IdempotencyAlreadyInProgressError) {
        request.error = new ProblemError(
          'idempotency-in-flight',
          'A request with this Idempotency-Key is still being processed',
          { headers: { 'Retry-After': '1' } },
        );
      } else if (error instanceof IdempotencyValidationError) {
        request.error = new ProblemError(
          'idempotency-key-reused',
          'This Idempotency-Key was used for a different request',
        );
      } else if (error instanceof ParseError) {
        request.error = new ProblemError('validation-error', 'The request does not match the schema');
      }
    },
  };
}
