import type { Construct } from 'constructs';
import { API_VERSIONS, DEPRECATIONS } from '../../functions/shared/domain/api-version';
import { httpDateOf, sunsetVariable } from '../../functions/shared/config/sunset';

/** CDK context key of a deprecated version's sunset day: `cdk deploy -c taskApi:v1Sunset=2027-06-30`. */
export const sunsetContextKey = (version: string): string => `taskApi:${version}Sunset`;

/**
 * The functions' environment for the sunsets a deployer has announced (`V1_SUNSET=2027-06-30`), from the
 * context. A malformed date fails the synth, naming the key, rather than every request after the deploy.
 */
export function sunsetEnvironment(scope: Construct): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const version of API_VERSIONS) {
    if (!DEPRECATIONS[version]) continue;
    const value: unknown = scope.node.tryGetContext(sunsetContextKey(version));
    if (value === undefined || value === '') continue;
    // The CLI passes `-c` values as strings; a cdk.json value may be anything.
    const day = typeof value === 'string' ? value : JSON.stringify(value);
    httpDateOf(day, sunsetContextKey(version));
    environment[sunsetVariable(version)] = day;
  }
  return environment;
}
