import { parseKeySet, rotateKeySet, serializeKeySet } from './key-set';

/**
 * Secrets Manager's four-step rotation protocol for a key-set secret, against a small interface so it runs
 * against the SDK in AWS and against an in-memory stand-in in the tests (Secrets Manager is AWS-only):
 * - createSecret: put the rotated key set (previous ← current ← next ← new) as AWSPENDING, once per token;
 * - setSecret: nothing (no other system holds the keys);
 * - testSecret: the pending value must parse and keep the current key as `previous` (nothing logged out);
 * - finishSecret: move AWSCURRENT to the pending version.
 */
export interface SecretVersions {
  /** Version id → its stages. */
  readonly VersionIdsToStages?: Record<string, string[]>;
  readonly RotationEnabled?: boolean;
}

export interface SecretsApi {
  describe(secretId: string): Promise<SecretVersions>;
  /** The value of a version by stage (`AWSCURRENT`, `AWSPENDING`) and, optionally, id; undefined when absent. */
  value(secretId: string, stage: string, versionId?: string): Promise<string | undefined>;
  putPending(secretId: string, versionId: string, value: string): Promise<void>;
  makeCurrent(secretId: string, versionId: string, previousVersionId: string | undefined): Promise<void>;
}

export type RotationStep = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';

export interface RotationEvent {
  readonly SecretId: string;
  readonly ClientRequestToken: string;
  readonly Step: RotationStep;
}

export async function rotationStep(api: SecretsApi, event: RotationEvent): Promise<void> {
  const { SecretId: secretId, ClientRequestToken: token, Step: step } = event;
  const versions = (await api.describe(secretId)).VersionIdsToStages ?? {};
  const stages = versions[token];
  if (!stages) throw new Error(`Version ${token} is not a version of the secret`);
  if (stages.includes('AWSCURRENT') && step !== 'finishSecret') return; // already rotated: nothing to do
  if (!stages.includes('AWSPENDING') && !stages.includes('AWSCURRENT'))
    throw new Error(`Version ${token} is not pending rotation`);

  switch (step) {
    case 'createSecret': {
      if ((await api.value(secretId, 'AWSPENDING', token)) !== undefined) return; // a retried step
      const current = await api.value(secretId, 'AWSCURRENT');
      if (current === undefined) throw new Error('The secret has no current value');
      await api.putPending(secretId, token, serializeKeySet(rotateKeySet(parseKeySet(current))));
      return;
    }
    case 'setSecret':
      return;
    case 'testSecret': {
      const [current, pending] = await Promise.all([
        api.value(secretId, 'AWSCURRENT'),
        api.value(secretId, 'AWSPENDING', token),
      ]);
      if (current === undefined || pending === undefined) throw new Error('A version to compare is missing');
      const before = parseKeySet(current);
      const after = parseKeySet(pending);
      if (after.previous.kid !== before.current.kid || after.current.kid !== before.next.kid)
        throw new Error('The pending key set does not keep the current keys: it would log everyone out');
      return;
    }
    case 'finishSecret': {
      const currentVersion = Object.entries(versions).find(([, names]) => names.includes('AWSCURRENT'))?.[0];
      if (currentVersion === token) return;
      await api.makeCurrent(secretId, token, currentVersion);
      return;
    }
    default: {
      const unknown: never = step;
      throw new Error(`Unknown rotation step ${String(unknown)}`);
    }
  }
}
