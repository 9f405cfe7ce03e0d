/**
 * The CDK app (`cdk.json` runs it): one stack, TaskApiStack. The environment comes from the CLI's
 * profile when there is one; without it the stack is environment-agnostic, so `cdk synth` works offline.
 */
import { App } from 'aws-cdk-lib';
import { TaskApiStack } from '../lib/infra/task-api-stack';

const app = new App();
new TaskApiStack(app, 'TaskApiStack', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
