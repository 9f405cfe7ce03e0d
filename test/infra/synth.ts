import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { environments, type EnvironmentName } from '../../lib/config/environments';
import { TaskApiStack } from '../../lib/infra/task-api-stack';

/** CloudFormation's `{ Ref: id }` / `{ Fn::GetAtt: [id, attr] }`, as they appear in a template. */
export type Reference = { Ref: string } | { 'Fn::GetAtt': [string, string] };

export interface SynthesizedStack {
  readonly stack: TaskApiStack;
  readonly template: Template;
}

/**
 * The environment a test asserts on when the property does not vary by environment: prod, the fullest
 * one (retained data, both usage plans, WAF, canary). environments.test.ts asserts what differs.
 */
export const DEFAULT_ENVIRONMENT: EnvironmentName = 'prod';

export interface SynthesisOptions {
  readonly environment?: EnvironmentName;
  /** Extra CDK context, as `-c key=value` would give. */
  readonly context?: Record<string, unknown>;
}

/**
 * Synthesizes one environment's API stack in memory. Asset bundling is skipped
 * (`aws:cdk:bundling-stacks: []`) and so is the built-in CloudFormation validation: the template is the
 * same, the synth takes a second instead of half a minute. `synth-cli.test.ts` runs the real
 * `cdk synth`, with bundling and validation.
 */
export function synthesize(options: SynthesisOptions = {}): SynthesizedStack {
  const config = environments[options.environment ?? DEFAULT_ENVIRONMENT];
  const stack = new TaskApiStack(testApp(options.context), config.stackName, { config });
  return { stack, template: Template.fromStack(stack) };
}

/** An app as the tests synthesize it: no bundling, no built-in validation. */
export function testApp(context: Record<string, unknown> = {}): App {
  return new App({
    context: { 'aws:cdk:bundling-stacks': [], ...context },
    builtinCloudFormationValidation: false,
  });
}

/** The logical id of a construct's CloudFormation resource (its default child). */
export function logicalIdOf(construct: IConstruct): string {
  const resource = construct.node.defaultChild;
  if (!(resource instanceof CfnElement))
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(construct).getLogicalId(resource);
}

/** Resources of one type as `[logicalId, properties]` pairs. */
export function resourcesOfType(template: Template, type: string): [string, Record<string, unknown>][] {
  const resources = template.findResources(type) as Record<string, { Properties?: Record<string, unknown> }>;
  return Object.entries(resources).map(([id, resource]) => [id, resource.Properties ?? {}]);
}

/** Whether a CloudFormation value mentions a logical id anywhere (Ref, GetAtt, inside a Join, ...). */
export function mentions(value: unknown, logicalId: string): boolean {
  return JSON.stringify(value).includes(`"${logicalId}"`);
}

/**
 * The API's resource paths by logical id, rebuilt from the template's parent links: tests then find a
 * route's method by its path, as a client would, whatever the construct tree looks like.
 */
export function resourcePaths(template: Template): Map<string, string> {
  const resources = new Map(
    resourcesOfType(template, 'AWS::ApiGateway::Resource').map(([id, props]) => [
      id,
      { part: props.PathPart as string, parent: props.ParentId as Reference | undefined },
    ]),
  );
  const pathOf = (id: string): string => {
    const resource = resources.get(id);
    if (!resource) return '';
    const parent = resource.parent && 'Ref' in resource.parent ? pathOf(resource.parent.Ref) : '';
    return `${parent}/${resource.part}`;
  };
  return new Map([...resources.keys()].map((id) => [id, pathOf(id)]));
}

/** The API Gateway method for a path and HTTP method, with its logical id; throws when absent. */
export function findMethod(
  template: Template,
  path: string,
  httpMethod: string,
): [string, Record<string, unknown>] {
  const paths = resourcePaths(template);
  const match = resourcesOfType(template, 'AWS::ApiGateway::Method').find(([, props]) => {
    const resourceId = props.ResourceId as Reference;
    return props.HttpMethod === httpMethod && 'Ref' in resourceId && paths.get(resourceId.Ref) === path;
  });
  if (!match) throw new Error(`No ${httpMethod} method on ${path}`);
  return match;
}

/** The one resource of a type (the stack has exactly one authorizer, secret, deployment, ...). */
export function onlyResourceOfType(template: Template, type: string): [string, Record<string, unknown>] {
  const [first, ...others] = resourcesOfType(template, type);
  if (!first || others.length > 0) throw new Error(`Expected exactly one ${type}`);
  return first;
}
