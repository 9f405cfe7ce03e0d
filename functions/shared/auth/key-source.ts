import { clock } from '../config/clock';
import { tracedFetch } from '../observability/tracing';
import { parseKeySet, type KeySet } from './key-set';

/**
 * Where the functions get a key set, cached with a time to live so a warm container picks up a rotation:
 * - in AWS, from Secrets Manager through the AWS Parameters and Secrets Lambda Extension (an HTTP call to
 *   localhost, no AWS SDK in the bundle), `<PREFIX>_SECRET_ARN` naming the secret;
 * - locally, from the file `<PREFIX>_FILE` names (`npm start` keeps them under `.data/`).
 * A function is given the variable of a key set only if its contract says it uses that set, and IAM lets
 * it read only that secret: the list function can verify cursors but never sees the token keys.
 */
export type KeySetName = 'token' | 'cursor';

const PREFIX: Record<KeySetName, string> = { token: 'TOKEN_KEYS', cursor: 'CURSOR_KEYS' };

/**
 * How long a fetched key set is used before it is fetched again. The extension caches for as long (its
 * `SECRETS_MANAGER_TTL`, set by the stack), so a rotation reaches every warm function within twice this.
 */
export const KEY_SET_TTL_MS = 5 * 60 * 1000;

/** The extension's port (its default; the stack does not change it). */
const EXTENSION_PORT = 2773;

async function fetchKeySetText(name: KeySetName): Promise<string> {
  const prefix = PREFIX[name];
  const file = process.env[`${prefix}_FILE`];
  // Loaded only locally: the deployed functions never read a file, and skip its import at cold start.
  if (file) return (await import('node:fs/promises')).readFile(file, 'utf8');
  const arn = process.env[`${prefix}_SECRET_ARN`];
  const token = process.env.AWS_SESSION_TOKEN;
  if (!arn || !token)
    throw new Error(
      `Invalid function configuration: set ${prefix}_FILE (local) or ${prefix}_SECRET_ARN (AWS)`,
    );
  const response = await tracedFetch(
    'SecretsManager',
    'GetSecretValue',
    { secret: prefix },
    `http://localhost:${EXTENSION_PORT}/secretsmanager/get?secretId=${encodeURIComponent(arn)}`,
    { headers: { 'X-Aws-Parameters-Secrets-Token': token } },
  );
  if (!response.ok) throw new Error(`The secrets extension answered ${response.status} for ${prefix}`);
  const { SecretString } = (await response.json()) as { SecretString?: string };
  if (!SecretString) throw new Error(`The ${prefix} secret has no string value`);
  return SecretString;
}

interface Cached {
  readonly loading: Promise<KeySet>;
  readonly fetchedAt: number;
}
const cache = new Map<KeySetName, Cached>();

/**
 * The key set, from the cache while it is younger than {@link KEY_SET_TTL_MS} (on the functions' clock, so
 * tests move past it without sleeping). A failed fetch is not cached: the next request tries again.
 */
export function keySet(name: KeySetName): Promise<KeySet> {
  const now = clock.now();
  const cached = cache.get(name);
  if (cached && now - cached.fetchedAt < KEY_SET_TTL_MS && now >= cached.fetchedAt) return cached.loading;
  const loading = fetchKeySetText(name).then(parseKeySet);
  cache.set(name, { loading, fetchedAt: now });
  loading.catch(() => {
    if (cache.get(name)?.loading === loading) cache.delete(name);
  });
  return loading;
}
