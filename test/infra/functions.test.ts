import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { tableDefinitions as tables, type TableName } from '../../functions/shared/data/table-definitions';
import { authorizer as authorizerContract, routes } from '../../functions/routes';
import type { RouteContract as RouteDefinition } from '../../functions/shared/http/route-contract';
import { logicalIdOf, mentions, resourcesOfType, synthesize } from './synth';

const { stack, template } = synthesize();
const allRoutes: readonly RouteDefinition[] = routes;
const tableNames = Object.keys(tables) as TableName[];
const secretIds = {
  token: logicalIdOf(stack.keySets.token.secret),
  cursor: logicalIdOf(stack.keySets.cursor.secret),
} as const;
const keySetNames = ['token', 'cursor'] as const;

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

  it('gives every API function the table names, and the ARN of exactly the key sets it may read', () => {
    const functions = [
      ...allRoutes.map((route) => ({
        id: route.id,
        fn: stack.functions.byRoute.get(route.id)!,
        access: route.access,
      })),
      { id: 'Authorizer', fn: stack.functions.authorizer, access: authorizerContract.access },
    ];
    for (const { id, fn, access } of functions) {
      const [, resource] = resourcesOfType(template, 'AWS::Lambda::Function').find(
        ([logicalId]) => logicalId === logicalIdOf(fn),
      )!;
      const variables = (resource.Environment as { Variables: Record<string, unknown> }).Variables;
      for (const name of tableNames)
        expect(variables[tables[name].envVar]).toEqual({ Ref: tables[name].logicalId });
      for (const set of keySetNames) {
        expect({ id, [set]: variables[`${set.toUpperCase()}_KEYS_SECRET_ARN`] }).toEqual({
          id,
          [set]: (access.keySets ?? []).includes(set) ? { Ref: secretIds[set] } : undefined,
        });
      }
      expect(Object.keys(variables).filter((name) => /SECRET$|KEYS$|KEYS_FILE$/.test(name))).toEqual([]);
    }
  });

  it('generates each key set in Secrets Manager as a random seed, with no value in the template', () => {
    for (const set of keySetNames) {
      const [, secret] = resourcesOfType(template, 'AWS::SecretsManager::Secret').find(
        ([logicalId]) => logicalId === secretIds[set],
      )!;
      expect(secret.GenerateSecretString).toMatchObject({ GenerateStringKey: 'seed', PasswordLength: 64 });
      expect(secret).not.toHaveProperty('SecretString');
    }
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

  it('lets the authorizer only read the tasks table (the revocation attribute), and no other table', () => {
    const actions = tableActions(stack.functions.authorizer, 'tasks');
    expect(actions).toContain('dynamodb:GetItem');
    expect([...actions].filter((action) => !READ_ONLY_ACTIONS.has(action))).toEqual([]);
    for (const table of tableNames.filter((name) => name !== 'tasks'))
      expect([...tableActions(stack.functions.authorizer, table)]).toEqual([]);
  });

  it('lets each function read exactly the key sets its contract lists: the list function cannot mint tokens', () => {
    const canRead = (fn: IFunction, set: (typeof keySetNames)[number]) =>
      statementsOf(fn).some(
        (statement) =>
          mentions(statement.Resource, secretIds[set]) &&
          actionsOf(statement).includes('secretsmanager:GetSecretValue'),
      );
    for (const route of allRoutes) {
      for (const set of keySetNames) {
        expect({
          route: route.id,
          set,
          canRead: canRead(stack.functions.byRoute.get(route.id)!, set),
        }).toEqual({
          route: route.id,
          set,
          canRead: (route.access.keySets ?? []).includes(set),
        });
      }
    }
    expect(canRead(stack.functions.byRoute.get('ListTasks')!, 'token')).toBe(false);
    expect(canRead(stack.functions.authorizer, 'token')).toBe(true);
    expect(canRead(stack.functions.authorizer, 'cursor')).toBe(false);
  });
});
