import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { diffEnvironment, environments, promotionOrder } from '../../lib/config/environments';

/**
 * The GitHub Actions workflows: valid against GitHub's workflow schema (action-validator), and wired the
 * way docs/DEPLOYMENT.md says: CI runs exactly .ci/run's steps; deploys go staging → prod through OIDC,
 * one at a time, with a smoke test after each; the pull-request diff stays read-only.
 */
const root = join(__dirname, '..', '..');
const workflowsDir = join(root, '.github', 'workflows');
const workflowFiles = readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  name?: string;
  needs?: string | string[];
  uses?: string;
  with?: Record<string, unknown>;
  if?: string;
  environment?: { name: string; url?: string } | string;
  concurrency?: { group: string; 'cancel-in-progress': boolean | string };
  permissions?: Record<string, string>;
  env?: Record<string, unknown>;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean | string };
  jobs: Record<string, Job>;
}

function workflow(file: string): Workflow {
  return parse(readFileSync(join(workflowsDir, file), 'utf8')) as Workflow;
}

function validate(path: string) {
  return spawnSync(join(root, 'node_modules', '.bin', 'action-validator'), [path], { encoding: 'utf8' });
}

const steps = (job: Job | undefined): Step[] => job?.steps ?? [];

describe('GitHub workflow files', () => {
  it('are the CI, diff, deploy and deploy-environment workflows', () => {
    expect(workflowFiles.sort()).toEqual(['ci.yml', 'deploy-environment.yml', 'deploy.yml', 'diff.yml']);
  });

  it.each(workflowFiles)('%s validates against the GitHub workflow schema', (file) => {
    const result = validate(join(workflowsDir, file));
    expect({ status: result.status, errors: result.stdout + result.stderr }).toEqual({
      status: 0,
      errors: '',
    });
  });

  it('are checked by a validator that does reject a broken workflow', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'task-api-workflow-'));
    const broken = join(dir, 'broken.yml');
    writeFileSync(
      broken,
      'name: broken\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    stepz: []\n',
    );

    // Act
    const result = validate(broken);
    rmSync(dir, { recursive: true, force: true });

    // Assert
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain("Additional property 'stepz' is not allowed");
  });

  it('never hold long-lived AWS keys: AWS access is the OIDC role of configure-aws-credentials', () => {
    for (const file of workflowFiles) {
      const text = readFileSync(join(workflowsDir, file), 'utf8');
      expect({
        file,
        keys: /aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/.test(text),
      }).toEqual({
        file,
        keys: false,
      });
    }
    const awsSteps = workflowFiles.flatMap((file) =>
      Object.values(workflow(file).jobs)
        .flatMap(steps)
        .filter((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials')),
    );
    expect(awsSteps.length).toBeGreaterThanOrEqual(2);
    for (const step of awsSteps)
      expect(step.with?.['role-to-assume']).toMatch(/^\$\{\{ vars\.AWS_(DEPLOY|DIFF)_ROLE_ARN \}\}$/);
  });

  it('grant only read access to the repository by default', () => {
    for (const file of workflowFiles)
      expect({ file, ...workflow(file).permissions }).toEqual({ file, contents: 'read' });
  });
});

describe('CI workflow', () => {
  const ci = workflow('ci.yml');
  const checks = ci.jobs.checks;

  it('runs on pull requests, on pushes, and when the deploy workflow calls it', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_call', 'workflow_dispatch']);
  });

  it('runs every .ci/run step, in the order .ci/run lists them, and nothing else', () => {
    // Prepare
    const listed = spawnSync('bash', [join(root, '.ci', 'run'), '--list'], { encoding: 'utf8' });

    // Act
    const called = steps(checks)
      .filter((step) => step.run !== undefined)
      .map(
        (step) => /^bash \.ci\/run (\S+)$/.exec(step.run!.trim())?.[1] ?? `not a .ci/run step: ${step.run}`,
      );

    // Assert
    expect(listed.status).toBe(0);
    expect(called).toEqual(listed.stdout.trim().split('\n'));
  });

  it('installs with an npm cache, on Node 20 and 22, with Java 17 for DynamoDB Local', () => {
    const setupNode = steps(checks).find((step) => step.uses?.startsWith('actions/setup-node'));
    const setupJava = steps(checks).find((step) => step.uses?.startsWith('actions/setup-java'));
    expect(setupNode?.with).toMatchObject({ cache: 'npm' });
    expect((ci.jobs.checks as { strategy?: { matrix: { node: number[] } } }).strategy?.matrix.node).toEqual([
      20, 22,
    ]);
    expect(setupJava?.with).toMatchObject({ 'java-version': '17' });
  });
});

describe('deploy workflow', () => {
  const deploy = workflow('deploy.yml');
  const environmentJob = workflow('deploy-environment.yml').jobs.deploy!;

  it('deploys main after CI passes, from one synthesized assembly', () => {
    expect(deploy.on).toMatchObject({ push: { branches: ['main'] } });
    expect(deploy.jobs.ci?.uses).toBe('./.github/workflows/ci.yml');
    expect(deploy.jobs.build?.needs).toBe('ci');
    const upload = steps(deploy.jobs.build).find((step) => step.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.with).toMatchObject({ name: 'cloud-assembly', path: 'cdk.out' });
  });

  it('promotes through the environments in order, each its own stack, each after the previous one', () => {
    // Act
    const promotions = Object.entries(deploy.jobs).filter(
      ([, job]) => job.uses === './.github/workflows/deploy-environment.yml',
    );

    // Assert
    expect(promotions.map(([id]) => id)).toEqual([...promotionOrder]);
    expect(promotions.map(([, job]) => job.with)).toEqual(
      promotionOrder.map((name) => ({ environment: name, stack: environments[name].stackName })),
    );
    expect(promotions.map(([, job]) => job.needs)).toEqual(['build', ...promotionOrder.slice(0, -1)]);
    for (const [, job] of promotions)
      expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  it('never runs two pipelines, nor two deployments of one environment, at once', () => {
    expect(deploy.concurrency).toEqual({ group: 'deploy', 'cancel-in-progress': false });
    expect(environmentJob.concurrency).toEqual({
      group: 'deploy-${{ inputs.environment }}',
      'cancel-in-progress': false,
    });
  });

  it('runs in the GitHub environment of the same name, so its protection rules (prod approval) gate it', () => {
    expect(environmentJob.environment).toMatchObject({ name: '${{ inputs.environment }}' });
    expect(environmentJob.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  it('deploys the built assembly with cdk deploy, then smoke-tests both stages it just deployed', () => {
    const commands = steps(environmentJob).map((step) => step.run ?? step.uses ?? '');
    const download = commands.findIndex((command) => command.startsWith('actions/download-artifact'));
    const deployIndex = commands.findIndex((command) =>
      command.includes('npx cdk deploy --app cdk.out "$STACK" --exclusively'),
    );
    const smokes = commands
      .map((command, index) => ({ command, index }))
      .filter(({ command }) => command.startsWith('npm run --silent smoke'));
    expect(download).toBeGreaterThanOrEqual(0);
    expect(deployIndex).toBeGreaterThan(download);
    expect(smokes.map(({ command }) => /steps\.roots\.outputs\.(v\d)/.exec(command)?.[1])).toEqual([
      'v2',
      'v1',
    ]);
    for (const { index } of smokes) expect(index).toBeGreaterThan(deployIndex);
    for (const step of steps(environmentJob).filter((s) => s.run?.startsWith('npm run --silent smoke')))
      expect(step.env).toEqual({ SMOKE_API_KEY: '${{ secrets.SMOKE_API_KEY }}' });
  });
});

describe('pull-request diff workflow', () => {
  const diff = workflow('diff.yml');
  const job = diff.jobs.staging!;

  it('runs only where AWS access is configured and the pull request is not from a fork', () => {
    expect(diff.on).toEqual({ pull_request: null });
    expect(job.if).toContain("vars.AWS_DIFF_ROLE_ARN != ''");
    expect(job.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
  });

  it("diffs the diff environment's stack offline against its deployed template, and comments on the pull request", () => {
    expect(job.env?.STACK).toBe(environments[diffEnvironment].stackName);
    const commands = steps(job).map((step) => step.run ?? step.uses ?? '');
    expect(commands).toEqual(
      expect.arrayContaining([
        expect.stringContaining('aws cloudformation get-template --stack-name "$STACK"'),
        expect.stringContaining(
          'npm run --silent diff:offline -- --template deployed.template.json "$STACK"',
        ),
        expect.stringMatching(/^actions\/github-script@/),
      ]),
    );
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' });
  });
});

describe('Dependabot', () => {
  it('updates npm packages and GitHub Actions', () => {
    const config = parse(readFileSync(join(root, '.github', 'dependabot.yml'), 'utf8')) as {
      updates: { 'package-ecosystem': string; directory: string }[];
    };
    expect(config.updates.map((update) => update['package-ecosystem']).sort()).toEqual([
      'github-actions',
      'npm',
    ]);
  });
});
