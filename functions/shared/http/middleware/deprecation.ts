import { sunsetOf } from '../../config/sunset';
import { DEPRECATIONS, type ApiVersion } from '../../domain/api-version';
import type { ApiMiddleware, ApiMiddlewareRequest } from './types';

/** A path as a URI reference inside `<…>`: anything that is not a path character is percent-encoded. */
const uriPath = (path: string): string =>
  path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/g, (character) => encodeURIComponent(character));

/**
 * The headers every answer of a deprecated version carries: `Deprecation` (RFC 9745, `@<epoch seconds>`),
 * `Link` to the same resource under the successor version (`rel="successor-version"`, RFC 5829), and
 * `Sunset` (RFC 8594) when a sunset is configured. Nothing for a current version.
 * @param path the request's path below the stage (`/tasks/01J…`), as API Gateway gives it
 */
export function deprecationHeaders(
  version: ApiVersion,
  path: string,
  sunset: string | undefined,
): Record<string, string> {
  const deprecation = DEPRECATIONS[version];
  if (!deprecation) return {};
  const since = Date.parse(`${deprecation.since}T00:00:00Z`) / 1000;
  return {
    Deprecation: `@${since}`,
    Link: `</${deprecation.successor}${uriPath(path)}>; rel="successor-version"`,
    ...(sunset !== undefined ? { Sunset: sunset } : {}),
  };
}

/**
 * Stamps the deprecation signals on every answer of a deprecated version, errors included: they join the
 * headers every response of the request carries (`responseHeaders`), which the context middleware applies.
 */
export function deprecationSignals(): ApiMiddleware {
  const deprecationSignalsBefore = (request: ApiMiddlewareRequest): void => {
    const api = request.context.api;
    if (!DEPRECATIONS[api.version]) return;
    const path = request.event.path.startsWith('/') ? request.event.path : `/${request.event.path}`;
    Object.assign(api.responseHeaders, deprecationHeaders(api.version, path, sunsetOf(api.version)));
  };
  return { before: deprecationSignalsBefore };
}
