/**
 * The CDK app (`cdk.json` runs it): one API stack per environment of lib/config/environments.ts
 * (TaskApi-dev, TaskApi-staging, TaskApi-prod) and the account stack (TaskApi-account) holding what exists
 * once per account and region. `npx cdk ls` lists them; deploy one with `npx cdk deploy TaskApi-dev`.
 *
 * The stacks are environment-agnostic unless the CLI's profile names an account and region, so
 * `cdk synth --all` works offline, and one synthesized assembly deploys to whichever account the
 * deploying credentials belong to.
 */
import { App } from 'aws-cdk-lib';
import {
  ACCOUNT_STACK_NAME,
  diffEnvironment,
  environmentNames,
  environments,
  promotionOrder,
} from '../lib/config/environments';
import {
  AccountStack,
  GITHUB_OIDC_PROVIDER_CONTEXT_KEY,
  GITHUB_REPOSITORY_CONTEXT_KEY,
} from '../lib/infra/account-stack';
import { TaskApiStack } from '../lib/infra/task-api-stack';

const app = new App();
const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };

for (const name of environmentNames) {
  const config = environments[name];
  new TaskApiStack(app, config.stackName, { config, env });
}

new AccountStack(app, ACCOUNT_STACK_NAME, {
  env,
  githubRepository: optionalContext(GITHUB_REPOSITORY_CONTEXT_KEY),
  githubOidcProviderArn: optionalContext(GITHUB_OIDC_PROVIDER_CONTEXT_KEY),
  deployEnvironments: promotionOrder,
  diffStackName: environments[diffEnvironment].stackName,
});

/** A context value as a string; unset and empty are both "not configured". */
function optionalContext(key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
