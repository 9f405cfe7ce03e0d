import { httpHandler } from '../shared/http/http-handler';
import { json } from '../shared/http/response';

/** `GET /health`: liveness, no key, no token, no database round trip. */
export const handler = httpHandler({ auth: false, cache: 'no-store' }, ({ version }) =>
  Promise.resolve(json(200, { status: 'ok', version })),
);
