import * as z from 'zod/mini';
import { TaskPathSchema } from '../shared/domain/task-schemas';
import { IfNoneMatchHeader } from '../shared/http/header-schemas';
import type { RouteContract } from '../shared/http/route-contract';

/** `GET /tasks/{id}`: 200 + ETag, or 304 when If-None-Match names the current ETag. */
export const getTaskContract = {
  id: 'GetTask',
  method: 'GET',
  path: '/tasks/{id}',
  entry: 'functions/tasks/get.ts',
  summary: 'Get a task',
  description:
    'One task with its `ETag`. Send that ETag back in `If-None-Match` to revalidate: `304 Not Modified` without a body while the task is unchanged. A task of another user is a `404`, like one that does not exist.',
  tag: 'Tasks',
  auth: 'jwt',
  apiKey: true,
  cache: 'revalidate',
  request: { path: TaskPathSchema, headers: z.object({ 'If-None-Match': IfNoneMatchHeader }) },
  responses: [
    { status: 200, description: 'The task', body: 'Task', headers: ['ETag'] },
    { status: 304, description: 'Not modified: If-None-Match names the current ETag', headers: ['ETag'] },
  ],
  access: { tables: { tasks: 'read' } },
} as const satisfies RouteContract;
