/**
 * Evaluates a Lambda authorizer's IAM policy against one request's method ARN, as API Gateway does (also
 * for a cached policy, which may have been issued for another method): an explicit Deny wins, otherwise
 * an Allow must match; `*` and `?` are wildcards in actions and resources.
 */
export interface PolicyStatement {
  readonly effect: 'allow' | 'deny';
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

const INVOKE = 'execute-api:Invoke';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asList = (value: unknown): string[] | undefined =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value) && value.every((item) => typeof item === 'string')
      ? value
      : undefined;

/** The statements of an authorizer's `policyDocument`, or undefined when it is not a usable policy. */
export function parsePolicy(policyDocument: unknown): PolicyStatement[] | undefined {
  if (!isRecord(policyDocument)) return undefined;
  const raw = policyDocument.Statement;
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  const statements: PolicyStatement[] = [];
  for (const statement of list) {
    if (!isRecord(statement) || typeof statement.Effect !== 'string') return undefined;
    const effect = statement.Effect.toLowerCase();
    const actions = asList(statement.Action);
    const resources = asList(statement.Resource);
    if ((effect !== 'allow' && effect !== 'deny') || !actions || !resources) return undefined;
    statements.push({ effect, actions, resources });
  }
  return statements;
}

function globMatches(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(value);
}

/** True when the statements let the caller invoke `methodArn`. */
export function policyAllows(statements: readonly PolicyStatement[], methodArn: string): boolean {
  const matching = statements.filter(
    (statement) =>
      statement.actions.some((action) => globMatches(action.toLowerCase(), INVOKE.toLowerCase())) &&
      statement.resources.some((resource) => globMatches(resource, methodArn)),
  );
  return (
    !matching.some((statement) => statement.effect === 'deny') &&
    matching.some((statement) => statement.effect === 'allow')
  );
}
