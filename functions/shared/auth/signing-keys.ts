import { hkdfSync } from 'node:crypto';
import { env } from '../config/env';
import { traceAwsClient } from '../observability/tracing';

/**
 * Keys derived from the one signing secret (HKDF, one label per use), so a token key can never verify a
 * cursor and the other way round. The secret comes from the environment locally and from AWS Secrets
 * Manager in the cloud, fetched once per cold start.
 */
export interface SigningKeys {
  accessToken: Uint8Array;
  cursor: Uint8Array;
}

let loading: Promise<SigningKeys> | undefined;

export function signingKeys(): Promise<SigningKeys> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined; // a failed fetch is retried by the next request, not cached
    throw error;
  });
  return loading;
}

async function load(): Promise<SigningKeys> {
  const { SIGNING_SECRET, SIGNING_SECRET_ARN } = env();
  const secret = SIGNING_SECRET ?? (await fetchSecret(SIGNING_SECRET_ARN ?? ''));
  const derive = (label: string) => new Uint8Array(hkdfSync('sha256', secret, 'task-api', label, 32));
  return { accessToken: derive('access-token'), cursor: derive('list-cursor') };
}

async function fetchSecret(secretId: string): Promise<string> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const { SecretString } = await traceAwsClient(new SecretsManagerClient({})).send(
    new GetSecretValueCommand({ SecretId: secretId }),
  );
  if (!SecretString) throw new Error('The signing secret has no string value');
  return SecretString;
}
