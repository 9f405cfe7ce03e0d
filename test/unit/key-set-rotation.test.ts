import { randomUUID } from 'node:crypto';
import { keyById, newKeySet, parseKeySet, serializeKeySet } from '../../functions/shared/auth/key-set';
import { rotationStep, type SecretsApi } from '../../functions/shared/auth/key-set-rotation';

/**
 * The rotation function's steps against an in-memory stand-in for Secrets Manager (an AWS-only service:
 * mocked here, and said so). The stand-in keeps versions and their stages the way Secrets Manager does.
 */
class FakeSecretsManager implements SecretsApi {
  readonly values = new Map<string, string>();
  readonly stages = new Map<string, string[]>();

  constructor(initial: string) {
    const id = randomUUID();
    this.values.set(id, initial);
    this.stages.set(id, ['AWSCURRENT']);
  }
  describe() {
    return Promise.resolve({ VersionIdsToStages: Object.fromEntries(this.stages) });
  }
  value(_secret: string, stage: string, versionId?: string) {
    const id = versionId ?? [...this.stages].find(([, names]) => names.includes(stage))?.[0];
    return Promise.resolve(
      id !== undefined && this.stages.get(id)?.includes(stage) ? this.values.get(id) : undefined,
    );
  }
  putPending(_secret: string, versionId: string, value: string) {
    this.values.set(versionId, value);
    this.stages.set(versionId, ['AWSPENDING']);
    return Promise.resolve();
  }
  makeCurrent(_secret: string, versionId: string, previous?: string) {
    if (previous) this.stages.set(previous, ['AWSPREVIOUS']);
    this.stages.set(versionId, ['AWSCURRENT']);
    return Promise.resolve();
  }
  current(): string {
    return this.values.get([...this.stages].find(([, names]) => names.includes('AWSCURRENT'))![0])!;
  }
  /** What Secrets Manager does on a rotation: a new version id marked pending, then the four steps. */
  async rotate(steps = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) {
    const token = randomUUID();
    this.stages.set(token, ['AWSPENDING']);
    for (const Step of steps)
      await rotationStep(this, { SecretId: 'arn:secret', ClientRequestToken: token, Step });
    return token;
  }
}

describe('key-set rotation (Secrets Manager steps, in memory)', () => {
  it('rotates previous ← current ← next ← new, so everything signed before still verifies', async () => {
    const before = newKeySet();
    const secrets = new FakeSecretsManager(serializeKeySet(before));
    await secrets.rotate();
    const after = parseKeySet(secrets.current());
    expect(after.previous.kid).toBe(before.current.kid);
    expect(after.current.kid).toBe(before.next.kid);
    expect([before.previous.kid, before.current.kid, before.next.kid]).not.toContain(after.next.kid);
    expect(keyById(after, before.current.kid)?.key).toEqual(before.current.key);
  });

  it('starts from the seed the stack generates, keeping the keys the functions derived from it', async () => {
    const seed = JSON.stringify({ seed: 'x'.repeat(64) });
    const secrets = new FakeSecretsManager(seed);
    await secrets.rotate();
    expect(parseKeySet(secrets.current()).previous).toEqual(parseKeySet(seed).current);
  });

  it('is safe to retry: a repeated createSecret keeps the first pending value', async () => {
    const secrets = new FakeSecretsManager(serializeKeySet(newKeySet()));
    const token = randomUUID();
    secrets.stages.set(token, ['AWSPENDING']);
    await rotationStep(secrets, { SecretId: 's', ClientRequestToken: token, Step: 'createSecret' });
    const pending = secrets.values.get(token);
    await rotationStep(secrets, { SecretId: 's', ClientRequestToken: token, Step: 'createSecret' });
    expect(secrets.values.get(token)).toBe(pending);
  });

  it('refuses in testSecret a pending value that would drop the current key', async () => {
    const secrets = new FakeSecretsManager(serializeKeySet(newKeySet()));
    const token = randomUUID();
    await secrets.putPending('s', token, serializeKeySet(newKeySet()));
    await expect(
      rotationStep(secrets, { SecretId: 's', ClientRequestToken: token, Step: 'testSecret' }),
    ).rejects.toThrow(/log everyone out/);
  });
});
