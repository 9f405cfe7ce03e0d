/**
 * The day a deprecated version stops working, when a deployer has announced one: `V1_SUNSET` for v1, as
 * `YYYY-MM-DD` (midnight UTC) or an ISO 8601 date-time. Read once per cold start; the answers then carry it
 * as an RFC 8594 `Sunset` HTTP-date. A malformed value fails every request of the function with a message
 * naming the variable (as the rest of the configuration does), and fails `npm start` and `cdk synth` first.
 */
export const sunsetVariable = (version: string): string => `${version.toUpperCase()}_SUNSET`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** The HTTP-date (IMF-fixdate) of an ISO 8601 date or date-time; throws a message naming `variable`. */
export function httpDateOf(value: string, variable: string): string {
  const time = ISO_DATE.test(value) ? Date.parse(`${value.slice(0, 10)}T00:00:00Z`) : NaN;
  // A day that does not exist (2027-02-30) parses as another one: the day must read back the same.
  const realDay = !Number.isNaN(time) && new Date(time).toISOString().startsWith(value.slice(0, 10));
  const instant = realDay ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value) : NaN;
  if (Number.isNaN(instant)) {
    throw new Error(
      `Invalid function configuration: ${variable}: must be a date (YYYY-MM-DD) or an ISO 8601 date-time, got "${value}"`,
    );
  }
  return new Date(instant).toUTCString();
}

const cache = new Map<string, string | undefined>();

/** The version's `Sunset` value, or undefined when no sunset is configured. */
export function sunsetOf(version: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env === process.env && cache.has(version)) return cache.get(version);
  const variable = sunsetVariable(version);
  const raw = env[variable];
  const value = raw === undefined || raw === '' ? undefined : httpDateOf(raw, variable);
  if (env === process.env) cache.set(version, value);
  return value;
}
