import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { tableDefinitions as tables, type TableName } from '../../functions/shared/data/table-definitions';
import { routes } from '../../functions/routes';
import type { RouteContract as RouteDefinition } from '../../functions/shared/http/route-contract';
import { logicalIdOf, mentions, onlyResourceOfType, resourcesOfType, synthesize } from './synth';

const { stack, template } = synthesize();
const allRoutes: readonly RouteDefinition[] = routes;
const tableNames = Object.keys(tables) as TableName[];
const secretId = logicalIdOf(stack.node.findChild('SigningSecret'));

/** Every action that changes data, however it is spelled (single item, batch, transaction, PartiQL). */
const WRITE_ACTION =
  /^dynamodb:(Put|Update|Delete|BatchWrite|TransactWrite|PartiQL(Insert|Update|Delete)|\*)/;
const READ_ONLY_ACTIONS = new Set([
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
]);

interface Statement {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
}

const policies = resourcesOfType(template, 'AWS::IAM::Policy').map(([, props]) => ({
  roles: props.Roles as unknown[],
  statements: (props.PolicyDocument as { Statement: Statement[] }).Statement,
}));

function actionsOf(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

/** The statements attached to the function's execution role. */
function statementsOf(fn: IFunction): Statement[] {
  const roleId = logicalIdOf(fn.role!);
  return policies.filter((policy) => mentions(policy.roles, roleId)).flatMap((policy) => policy.statements);
}

/** The DynamoDB actions the function may perform on one table (or its indexes). */
function tableActions(fn: IFunction, table: TableName): Set<string> {
  return new Set(
    statementsOf(fn)
      .filter((statement) => mentions(statement.Resource, tables[table].logicalId))
      .flatMap(actionsOf),
  );
}

describe('Lambda functions', () => {
  it('runs every function on Node.js 22, arm64, 512 MB, 10 s, traced, with its own log group', () => {
    const functions = resourcesOfType(template, 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(0);
    for (const [id, fn] of functions) {
      expect({ id, ...fn }).toMatchObject({
        id,
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Timeout: 10,
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
      });
    }
  });

  it('gives each route and the authorizer a function of its own', () => {
    const ids = new Set([...stack.functions.all.values()].map((fn) => logicalIdOf(fn)));
    expect(ids.size).toBe(allRoutes.length + 1);
  });

  it('gives every function the three table names and the signing secret ARN, never the secret value', () => {
    for (const [id, fn] of resourcesOfType(template, 'AWS::Lambda::Function')) {
      const variables = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
      for (const name of tableNames) {
        expect({ id, [tables[name].envVar]: variables[tables[name].envVar] }).toEqual({
          id,
          [tables[name].envVar]: { Ref: tables[name].logicalId },
        });
      }
      expect(variables.SIGNING_SECRET_ARN).toEqual({ Ref: secretId });
      expect(variables).not.toHaveProperty('SIGNING_SECRET');
    }
  });

  it('generates the signing secret in Secrets Manager (64 characters), with no value in the template', () => {
    const [, secret] = onlyResourceOfType(template, 'AWS::SecretsManager::Secret');
    expect(secret.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
    expect(secret).not.toHaveProperty('SecretString');
  });
});

describe('IAM least privilege', () => {
  it('never grants dynamodb:* nor any DynamoDB action on Resource "*"', () => {
    for (const { statements } of policies) {
      for (const statement of statements) {
        const dynamodbActions = actionsOf(statement).filter((action) => action.startsWith('dynamodb:'));
        if (dynamodbActions.length === 0) continue;
        expect(dynamodbActions).not.toContain('dynamodb:*');
        expect([statement.Resource].flat()).not.toContain('*');
      }
    }
  });

  const grants = allRoutes.flatMap((route) =>
    tableNames.map((table) => ({ routeId: route.id, table, access: route.access.tables?.[table] ?? 'none' })),
  );
  const where = (access: string) => grants.filter((grant) => grant.access === access);

  it.each(where('read'))(
    '$routeId may only read the $table table, as its route row says',
    ({ routeId, table }) => {
      const actions = tableActions(stack.functions.byRoute.get(routeId)!, table);
      expect(actions).toContain('dynamodb:Query');
      expect([...actions].filter((action) => !READ_ONLY_ACTIONS.has(action))).toEqual([]);
    },
  );

  it.each(where('readwrite'))(
    '$routeId may read and write the $table table, as its route row says',
    ({ routeId, table }) => {
      const actions = tableActions(stack.functions.byRoute.get(routeId)!, table);
      for (const action of [
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
      ]) {
        expect(actions).toContain(action);
      }
    },
  );

  it.each(where('none'))(
    '$routeId has no access to the $table table, which its route row does not list',
    ({ routeId, table }) => {
      expect([...tableActions(stack.functions.byRoute.get(routeId)!, table)]).toEqual([]);
    },
  );

  it('lets the read-only functions (get task, list tasks, me) change nothing anywhere', () => {
    for (const routeId of ['GetTask', 'ListTasks', 'GetMe']) {
      const actions = statementsOf(stack.functions.byRoute.get(routeId)!).flatMap(actionsOf);
      expect({ routeId, writes: actions.filter((action) => WRITE_ACTION.test(action)) }).toEqual({
        routeId,
        writes: [],
      });
    }
  });

  it('gives the authorizer no table access', () => {
    for (const table of tableNames) expect([...tableActions(stack.functions.authorizer, table)]).toEqual([]);
  });

  it('lets only the functions that sign or verify (and the authorizer) read the signing secret', () => {
    const canRead = (fn: IFunction) =>
      statementsOf(fn).some(
        (statement) =>
          mentions(statement.Resource, secretId) &&
          actionsOf(statement).includes('secretsmanager:GetSecretValue'),
      );
    for (const route of allRoutes) {
      expect({ route: route.id, canRead: canRead(stack.functions.byRoute.get(route.id)!) }).toEqual({
        route: route.id,
        canRead: route.access.signingSecret === true,
      });
    }
    expect(canRead(stack.functions.authorizer)).toBe(true);
  });
});
