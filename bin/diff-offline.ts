/**
 * `npm run diff:offline`: what a change does to the CloudFormation templates, without AWS credentials.
 * `cdk diff` compares with the deployed stack, which needs an account; `cdk diff --template <file>`
 * compares with a saved template instead, and this script keeps those templates for you:
 *
 *   npm run diff:offline -- --save                      snapshot every stack's template (.cdk-diff/)
 *   npm run diff:offline [-- <stack>...]                diff the working tree against the snapshot
 *   npm run diff:offline -- --template <file> <stack>   diff one stack against any saved template
 *                                                       (e.g. one read from AWS by someone who can)
 *   ... --app <dir>                                     diff an assembly already synthesized there
 *
 * Typical review: `git switch main && npm run diff:offline -- --save && git switch my-branch &&
 * npm run diff:offline -- TaskApi-prod`. Both synths run in the same folder, so unchanged functions keep
 * their asset hashes and only real changes show. The diff goes to stdout, the synth's progress to stderr
 * (`npm run --silent diff:offline > diff.txt` keeps just the diff).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(__dirname, '..');
const SNAPSHOT = join(ROOT, '.cdk-diff');
/** The cloud assembly to diff: cdk.out, synthesized afresh, unless `--app <dir>` names one already made. */
let assembly = join(ROOT, 'cdk.out');
let synthesizeFirst = true;

const HELP = `Usage:
  npm run diff:offline -- --save                      snapshot every stack's template into .cdk-diff/
  npm run diff:offline [-- <stack>...]                diff the current code against the snapshot
  npm run diff:offline -- --template <file> <stack>   diff one stack against a saved template
  --app <dir>                                         use this synthesized assembly instead of
                                                      synthesizing the current code into cdk.out

Offline: no AWS credentials, no network. Stacks: npx cdk ls. The diff goes to stdout.`;

/**
 * The CLI, with no way to reach for credentials it does not need. Everything it prints goes to one of our
 * streams: the diff to stdout (the CLI writes it to stderr), the synth's progress to stderr.
 */
function cdk(args: string[], output: 'stdout' | 'stderr'): number {
  const fd = output === 'stdout' ? 1 : 2;
  const result = spawnSync('npx', ['cdk', ...args, '--no-notices'], {
    cwd: ROOT,
    stdio: ['inherit', fd, fd],
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
  return result.status ?? 1;
}

/** Synthesizes every stack into cdk.out (unless given an assembly); returns the stack names it holds. */
function synthesize(): string[] {
  if (synthesizeFirst && cdk(['synth', '--quiet'], 'stderr') !== 0) fail('cdk synth failed');
  const manifestFile = join(assembly, 'manifest.json');
  if (!existsSync(manifestFile)) fail(`No cloud assembly in ${assembly}`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    artifacts: Record<string, { type: string }>;
  };
  return Object.entries(manifest.artifacts)
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([name]) => name);
}

const templateFile = (dir: string, stack: string) => join(dir, `${stack}.template.json`);

function save(): void {
  const stacks = synthesize();
  mkdirSync(SNAPSHOT, { recursive: true });
  for (const stack of stacks) copyFileSync(templateFile(assembly, stack), templateFile(SNAPSHOT, stack));
  console.log(`Saved ${stacks.length} templates to .cdk-diff/: ${stacks.join(', ')}`);
}

function diff(pairs: [stack: string, template: string][]): number {
  let status = 0;
  for (const [stack, template] of pairs) {
    console.log(`\n=== ${stack} vs ${template}`);
    // --app cdk.out: the assembly just synthesized, not a second synth per stack.
    const code = cdk(['diff', '--app', assembly, '--template', template, stack], 'stdout');
    status ||= code;
  }
  return status;
}

function fail(message: string): never {
  console.error(`${message}\n\n${HELP}`);
  process.exit(2);
}

function main(): number {
  const { values, positionals } = parseArgs({
    options: {
      save: { type: 'boolean' },
      template: { type: 'string' },
      app: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.app !== undefined) {
    assembly = resolve(values.app);
    synthesizeFirst = false;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.save) {
    save();
    return 0;
  }
  if (values.template !== undefined) {
    const template = resolve(values.template);
    if (positionals.length !== 1) fail('--template compares exactly one stack: name it.');
    if (!existsSync(template)) fail(`No such template: ${template}`);
    const stacks = synthesize();
    const [stack] = positionals as [string];
    if (!stacks.includes(stack)) fail(`No stack ${stack} (stacks: ${stacks.join(', ')})`);
    return diff([[stack, template]]);
  }
  if (!existsSync(SNAPSHOT)) fail('No snapshot yet: run `npm run diff:offline -- --save` on the base first.');
  const saved = readdirSync(SNAPSHOT)
    .filter((file) => file.endsWith('.template.json'))
    .map((file) => file.replace(/\.template\.json$/, ''));
  const stacks = synthesize();
  const wanted = positionals.length > 0 ? positionals : stacks;
  for (const stack of wanted)
    if (!stacks.includes(stack)) fail(`No stack ${stack} (stacks: ${stacks.join(', ')})`);
  // A stack the snapshot lacks is new: against an empty template, every resource shows as added.
  const empty = join(SNAPSHOT, 'new-stack.empty.json');
  writeFileSync(empty, '{}\n');
  return diff(wanted.map((stack) => [stack, saved.includes(stack) ? templateFile(SNAPSHOT, stack) : empty]));
}

process.exitCode = main();
