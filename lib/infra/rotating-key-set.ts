import { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CURSOR_TTL_SECONDS } from '../../functions/shared/data/cursor';
import { KEY_SET_TTL_MS } from '../../functions/shared/auth/key-source';
import { ApiFunction, type ApiFunctionProps } from './api-function';

/**
 * How often a key set rotates. A key signs for one interval (as `current`) and verifies for one more (as
 * `previous`), after having verified for one already (as `next`): whatever it signed (tokens: 1 hour,
 * cursors: a day) expires long before it retires, and every function's cached copy (minutes) is refreshed
 * between two rotations. The infra tests check these margins.
 */
export const KEY_ROTATION_INTERVAL = Duration.days(30);

/** What must fit in one rotation interval for a rotation to log nobody out and break no cursor. */
export const LONGEST_SIGNED_LIFETIME_SECONDS = Math.max(CURSOR_TTL_SECONDS, 86_400);
export const KEY_SET_CACHE_SECONDS = KEY_SET_TTL_MS / 1000;

export interface RotatingKeySetProps {
  /** `Token` or `Cursor`: names the secret and its rotation function. */
  readonly purpose: string;
  /** The environment's function settings (log retention, …), as for the API's functions. */
  readonly settings?: Pick<ApiFunctionProps, 'memoryMb' | 'logRetention' | 'retainLogs'>;
}

/**
 * One signing-key set in Secrets Manager, with its rotation: a secret created holding a random seed (the
 * functions derive the first three keys from it; the value never appears in the template), a rotation
 * function of this repository (`functions/rotation/rotate-key-set.ts`: previous ← current ← next ← new),
 * and a schedule. `grantRead` gives a function this set, and only this set.
 */
export class RotatingKeySet extends Construct {
  readonly secret: secretsmanager.Secret;
  readonly rotationFunction: ApiFunction;

  constructor(scope: Construct, id: string, props: RotatingKeySetProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: `Task API ${props.purpose.toLowerCase()} signing keys (previous, current, next), rotated every ${KEY_ROTATION_INTERVAL.toDays()} days`,
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'seed',
        passwordLength: 64,
        excludePunctuation: true,
      },
    });
    this.rotationFunction = new ApiFunction(this, 'Rotation', {
      entry: 'functions/rotation/rotate-key-set.ts',
      description: `Rotates the ${props.purpose.toLowerCase()} signing keys`,
      environment: {},
      ...props.settings,
    });
    // Grants the function its own secret only, and lets Secrets Manager invoke it.
    this.secret.addRotationSchedule('Schedule', {
      rotationLambda: this.rotationFunction.function,
      automaticallyAfter: KEY_ROTATION_INTERVAL,
    });
  }

  /** Lets a function read the set's current value (through the Secrets extension). */
  grantRead(grantee: iam.IGrantable): void {
    this.secret.grantRead(grantee);
  }
}
