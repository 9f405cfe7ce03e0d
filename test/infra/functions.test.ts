import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { tableDefinitions as tables, type TableName } from '../../functions/shared/data/table-definitions';
import { authorizer as authorizerContract, routes } from '../../functions/routes';
import type {
  RouteAccess,
  RouteContract as RouteDefinition,
  TableAccess,
} from '../../functions/shared/http/route-contract';
import { logicalIdOf, mentions, resourcesOfType, synthesize } from './synth';

const { stack, template } = synthesize();
const allRoutes: readonly RouteDefinition[] = routes;
const tableNames = Object.keys(tables) as TableName[];
const secretIds = {
  token: logicalIdOf(stack.keySets.token.secret),
  cursor: logicalIdOf(stack.keySets.cursor.secret),
} as const;
const keySetNames = ['token', 'cursor'] as const;

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

/** Every function the contracts describe (routes and the authorizer), with its contract's access. */
const contractFunctions = [
  ...allRoutes.map((route) => ({
    id: route.id,
    fn: stack.functions.byRoute.get(route.id)!,
    access: route.access,
  })),
  {
    id: authorizerContract.id,
    fn: stack.functions.authorizer,
    access: authorizerContract.access as RouteAccess,
  },
];

/**
 * The DynamoDB permissions a function's role holds, as `table:Action` or `table/index/name:Action` (tables by
 * their code name), read from the template's policies: each resource is a table's ARN, or that ARN joined
 * with `/index/<name>`. Anything else (a wildcard, another table) shows as itself and fails the comparison.
 */
function dynamoDbPermissions(fn: IFunction): string[] {
  const permissions = new Set<string>();
  for (const statement of statementsOf(fn)) {
    const actions = actionsOf(statement).filter((action) => action.startsWith('dynamodb:'));
    for (const resource of [statement.Resource].flat()) {
      const text = JSON.stringify(resource);
      const table = tableNames.find((name) => mentions(resource, tables[name].logicalId));
      const index = /\/index\/([^"]+)"/.exec(text)?.[1];
      for (const action of actions) {
        const where = table === undefined ? text : `${table}${index === undefined ? '' : `/index/${index}`}`;
        permissions.add(`${where}:${action.slice('dynamodb:'.length)}`);
      }
    }
  }
  return [...permissions].sort();
}

/** What the contract lists, in the same notation. */
function contractPermissions(access: RouteAccess): string[] {
  return tableNames
    .flatMap((table) => {
      const tableAccess: TableAccess | undefined = access.tables?.[table];
      return [
        ...(tableAccess?.actions ?? []).map((action) => `${table}:${action}`),
        ...(tableAccess?.indexes ?? []).map((index) => `${table}/index/${index}:Query`),
      ];
    })
    .sort();
}

describe('Lambda functions', () => {
  it('runs every function on Node.js 22, arm64, 10 s, traced, with its own log group', () => {
    const functions = resourcesOfType(template, 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(0);
    for (const [id, fn] of functions) {
      expect({ id, ...fn }).toMatchObject({
        id,
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Timeout: 10,
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
      });
    }
  });

  it("gives each function the environment's memory, unless its contract names its own (password hashing)", () => {
    const memoryOf = (fn: IFunction) =>
      resourcesOfType(template, 'AWS::Lambda::Function').find(([id]) => id === logicalIdOf(fn))?.[1]
        .MemorySize;
    const environmentDefault = stack.config.functions.memoryMb;
    for (const route of allRoutes)
      expect({ route: route.id, memory: memoryOf(stack.functions.byRoute.get(route.id)!) }).toEqual({
        route: route.id,
        memory: route.memoryMb ?? environmentDefault,
      });
    expect(memoryOf(stack.functions.authorizer)).toBe(environmentDefault);
    // scrypt at N=2^17 wants a whole vCPU: Lambda gives one at 1 769 MB.
    for (const id of ['Login', 'Register']) expect(memoryOf(stack.functions.byRoute.get(id)!)).toBe(1769);
  });

  it('gives each function a role that may write to its own log group only, instead of the basic execution role', () => {
    const roles = resourcesOfType(template, 'AWS::IAM::Role');
    for (const fn of [...stack.functions.all.values()]) {
      const [, role] = roles.find(([id]) => id === logicalIdOf(fn.role!))!;
      expect(role.ManagedPolicyArns).toBeUndefined();
      const logStatements = statementsOf(fn).filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('logs:')),
      );
      const [, resource] = resourcesOfType(template, 'AWS::Lambda::Function').find(
        ([id]) => id === logicalIdOf(fn),
      )!;
      const logGroupId = (resource.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(logStatements).toEqual([
        expect.objectContaining({
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
        }),
      ]);
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
  it('never grants dynamodb:* nor any DynamoDB action on a wildcard resource (no index/*)', () => {
    for (const { statements } of policies) {
      for (const statement of statements) {
        const dynamodbActions = actionsOf(statement).filter((action) => action.startsWith('dynamodb:'));
        if (dynamodbActions.length === 0) continue;
        expect(dynamodbActions).not.toContain('dynamodb:*');
        for (const resource of [statement.Resource].flat())
          expect(JSON.stringify(resource)).not.toContain('*');
      }
    }
  });

  it.each(contractFunctions.map(({ id, fn, access }) => [id, fn, access] as const))(
    '%s holds exactly the DynamoDB actions and indexes its contract lists',
    (_id, fn, access) => {
      expect(dynamoDbPermissions(fn)).toEqual(contractPermissions(access));
    },
  );

  it('lets no function Scan, batch, use PartiQL, or delete unless its contract says so', () => {
    const granted = contractFunctions.map(({ id, fn }) => ({
      id,
      actions: dynamoDbPermissions(fn).map((permission) => permission.split(':').pop() ?? ''),
    }));
    for (const { id, actions } of granted)
      expect({
        id,
        forbidden: actions.filter((action) => /^(Scan|Batch|PartiQL|Transact)/.test(action)),
      }).toEqual({
        id,
        forbidden: [],
      });
    // Only the task delete, and login (which forgets a failure record on success), may delete anything.
    expect(granted.filter(({ actions }) => actions.includes('DeleteItem')).map(({ id }) => id)).toEqual([
      'Login',
      'DeleteTask',
    ]);
  });

  it('lets the read-only routes (get task, list tasks, me) and the authorizer change nothing anywhere', () => {
    for (const { id, fn } of contractFunctions.filter(({ id }) =>
      ['GetTask', 'ListTasks', 'GetMe', authorizerContract.id].includes(id),
    )) {
      const writes = dynamoDbPermissions(fn).filter((permission) => !/:(GetItem|Query)$/.test(permission));
      expect({ id, writes }).toEqual({ id, writes: [] });
    }
  });

  it('lets only the list function query an index, and only the ones it uses', () => {
    const indexUsers = contractFunctions.filter(({ fn }) =>
      dynamoDbPermissions(fn).some((permission) => permission.includes('/index/')),
    );
    expect(indexUsers.map(({ id }) => id)).toEqual(['ListTasks']);
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
