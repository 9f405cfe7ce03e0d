import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { rotationStep, type RotationEvent, type SecretsApi } from '../shared/auth/key-set-rotation';

/**
 * The rotation function of a key-set secret (token keys, cursor keys): Secrets Manager calls it four times
 * per rotation, one step each (see `shared/auth/key-set-rotation.ts`). Not behind the API; only Secrets Manager invokes
 * it, and IAM lets it touch only its own secret.
 */
const client = new SecretsManagerClient({});

const secrets: SecretsApi = {
  async describe(secretId) {
    return client.send(new DescribeSecretCommand({ SecretId: secretId }));
  },
  async value(secretId, stage, versionId) {
    try {
      const { SecretString } = await client.send(
        new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage, VersionId: versionId }),
      );
      return SecretString;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  },
  async putPending(secretId, versionId, value) {
    await client.send(
      new PutSecretValueCommand({
        SecretId: secretId,
        ClientRequestToken: versionId,
        SecretString: value,
        VersionStages: ['AWSPENDING'],
      }),
    );
  },
  async makeCurrent(secretId, versionId, previousVersionId) {
    await client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: secretId,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: versionId,
        RemoveFromVersionId: previousVersionId,
      }),
    );
  },
};

export const handler = (event: RotationEvent): Promise<void> => rotationStep(secrets, event);
