import type middy from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ApiLambdaContext } from '../api-context';
import type { ApiResponse } from '../response';

/** A middy middleware of this API: REST proxy event in, proxy result out, request state in the context. */
export type ApiMiddleware = middy.MiddlewareObj<APIGatewayProxyEvent, ApiResponse, Error, ApiLambdaContext>;

/** What a middleware's `before`/`after`/`onError` function receives. */
export type ApiMiddlewareRequest = middy.Request<APIGatewayProxyEvent, ApiResponse, Error, ApiLambdaContext>;
