import { httpHandler } from '../shared/http/http-handler';
import { json } from '../shared/http/response';

/** `GET /health`: liveness, no key, no token, no database round trip. */
export const handler = httpHandler(
  { auth: false, cache: 'no-store', success: { status: 200, description: 'The API is up' } },
  ({ version }) => Promise.resolve(json(200, { status: 'ok', version })),
);
