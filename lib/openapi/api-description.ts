import { DEPRECATIONS, type ApiVersion } from '../../functions/shared/domain/api-version';
import { PROBLEM_BASE_URI } from '../../functions/shared/errors/problem-types';
import type { RouteTag } from '../../functions/shared/http/route-contract';

/**
 * The prose of the documents: what the API is, per version, and what each group of operations holds. The
 * full reference is the repository's docs/API.md; this is what a reader of the document alone needs.
 */
export function apiDescription(version: ApiVersion): string {
  const deprecation = DEPRECATIONS[version];
  return [
    'A task manager REST API: accounts, bearer tokens, and tasks with filtered, sorted, searchable, paged listing, idempotent creates and conditional updates.',
    deprecation
      ? `**${version} is deprecated** (since ${deprecation.since}): it keeps working, and every answer says so with \`Deprecation\`, a \`Link\` to the same resource in ${deprecation.successor} (\`rel="successor-version"\`) and, once a date is set, \`Sunset\`. New clients should use ${deprecation.successor}: cursor pagination, priorities, due dates, tags and links. The repository's docs/API.md has the migration guide.`
      : 'v2 is the current version; v1 (offset pagination, no priorities, due dates, tags or links) is deprecated.',
    '**Authentication.** Every route except `/health`, `/openapi.json` and `/docs` needs an API key in `x-api-key` (it selects your usage plan); `/users` and `/tasks` also need `Authorization: Bearer <access_token>` from `POST /auth/login`.',
    `**Errors** are RFC 9457 \`application/problem+json\`. A problem's \`type\` is \`${PROBLEM_BASE_URI}<kind>\`; each kind is listed, with what to do about it, under *Problem types* on this API's reference page (\`/${version}/docs#<kind>\`) and in docs/API.md.`,
  ].join('\n\n');
}

/** What each group of operations holds (the type makes every tag have one). */
export const tagDescriptions = {
  Meta: 'Liveness, this OpenAPI document and the interactive reference: no key, no token.',
  Auth: 'Accounts and bearer tokens, limited per client IP.',
  Users: 'The authenticated user.',
  Tasks: "The caller's tasks: create, read, list, replace, update, delete.",
} as const satisfies Record<RouteTag, string>;

export const securitySchemes = {
  apiKey: {
    type: 'apiKey',
    in: 'header',
    name: 'x-api-key',
    description: 'The API key of your usage plan (rate, burst and daily quota). Locally: `local-dev-key`.',
  },
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'The `access_token` of `POST /auth/login`: an HS256 JWT handled as RFC8725 (JWT best current practices) advises: the algorithm is pinned, `alg: none` is refused, and issuer, audience, expiry and issue time are checked.',
  },
} as const;
