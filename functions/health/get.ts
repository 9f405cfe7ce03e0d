import type { ApiRequest } from '../shared/http/api-context';
import { httpHandler } from '../shared/http/http-handler';
import { json, type ApiResponse } from '../shared/http/response';
import { healthContract } from './get.contract';

/** `GET /health`: the API is up; says which version answered. */
function health({ version }: ApiRequest<typeof healthContract>): Promise<ApiResponse> {
  return Promise.resolve(json(200, { status: 'ok', version }));
}

export const handler = httpHandler(healthContract, health);
