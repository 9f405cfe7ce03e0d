/**
 * The origins allowed to call the API from a browser: none (CORS off), any (`*`), or a list. One value,
 * `CORS_ORIGINS` (comma-separated), configures the functions; the deployed gateway and the local one are
 * built from the same list. Parsed by hand, not with zod: every function reads it, `/health` included,
 * whose bundle carries no zod.
 */
export type CorsOrigins =
  | { readonly kind: 'off' }
  | { readonly kind: 'any' }
  | { readonly kind: 'list'; readonly origins: readonly string[] };

/** The value that means "any origin". */
export const ANY_ORIGIN = '*';

/**
 * Parses a list of origins (`https://app.example.com`, `http://localhost:5173`, or `*` alone). An entry must
 * be an origin exactly as a browser sends it in `Origin`: scheme and host (and a port other than the
 * scheme's default), lower case, no path and no trailing slash; otherwise it could never match, so it is
 * refused with a message instead of silently allowing nothing.
 */
export function parseCorsOrigins(value: string | readonly string[], name = 'CORS_ORIGINS'): CorsOrigins {
  const entries = (typeof value === 'string' ? value.split(',') : [...value])
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return { kind: 'off' };
  if (entries.includes(ANY_ORIGIN)) {
    if (entries.length > 1) throw invalid(name, `"${ANY_ORIGIN}" cannot be listed with other origins`);
    return { kind: 'any' };
  }
  for (const entry of entries) {
    if (!isOrigin(entry))
      throw invalid(
        name,
        `"${entry}" is not an origin (scheme://host[:port], lower case, no path or trailing slash)`,
      );
  }
  return { kind: 'list', origins: [...new Set(entries)] };
}

/** The functions' origins, from `CORS_ORIGINS`; unset means off (the default on AWS). */
export function corsOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): CorsOrigins {
  return parseCorsOrigins(env.CORS_ORIGINS ?? '');
}

/** Whether a request from `origin` may read the answer. */
export function originAllowed(origins: CorsOrigins, origin: string | undefined): boolean {
  if (origins.kind === 'any') return true;
  return origins.kind === 'list' && origin !== undefined && origins.origins.includes(origin);
}

/** The list as configuration spells it (`CORS_ORIGINS`, the `taskApi:corsOrigins` context). */
export function formatCorsOrigins(origins: CorsOrigins): string {
  if (origins.kind === 'off') return '';
  return origins.kind === 'any' ? ANY_ORIGIN : origins.origins.join(',');
}

function isOrigin(entry: string): boolean {
  try {
    const url = new URL(entry);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === entry;
  } catch {
    return false;
  }
}

function invalid(name: string, message: string): Error {
  return new Error(`Invalid function configuration: ${name}: ${message}`);
}
