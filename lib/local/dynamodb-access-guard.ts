/**
 * IAM for DynamoDB, locally: while a function runs under the guard, every command the shared DynamoDB client
 * sends is checked against the function's contract (`access.tables`: actions per table, indexes it queries),
 * the way IAM checks the deployed function's role, which CDK builds from the same contract. A call the
 * contract does not list fails with AccessDeniedException, as on AWS, so a handler that starts sending a new
 * command fails every test that reaches it until its contract (and so its IAM policy) says so. The guard also
 * records what each function actually called, for the test that the contracts list nothing unused.
 *
 * Outside a guarded run (test setup writing fixtures, the local bootstrap) the client is unrestricted. The
 * authorizer's one read goes over `fetch`, not this client: its contract is checked by the infra tests only.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TABLE_NAMES, tableDefinitions, type TableName } from '../../functions/shared/data/table-definitions';
import type { RouteAccess, TableAccess } from '../../functions/shared/http/route-contract';

/** One permission a command needs: `dynamodb:<action>` on a table, or on one of its indexes. */
export interface DynamoDbPermission {
  readonly action: string;
  /** The physical table name, as the command names it. */
  readonly table: string;
  readonly index?: string;
}

/** The permissions a command needs, as IAM evaluates it (a transaction or batch: per item). */
export function permissionsOf(command: string, input: Record<string, unknown>): DynamoDbPermission[] {
  const table = typeof input.TableName === 'string' ? input.TableName : '';
  switch (command) {
    case 'Query':
    case 'Scan':
      return [
        {
          action: command,
          table,
          ...(typeof input.IndexName === 'string' ? { index: input.IndexName } : {}),
        },
      ];
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return (
        Array.isArray(input.TransactItems) ? (input.TransactItems as Record<string, unknown>[]) : []
      ).flatMap((item) =>
        Object.entries(item).map(([part, detail]) => ({
          action: TRANSACTION_PART_ACTIONS[part] ?? part,
          table: tableNameOf(detail),
        })),
      );
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys((input.RequestItems as Record<string, unknown> | undefined) ?? {}).map((name) => ({
        action: command,
        table: name,
      }));
    default:
      return [{ action: command, table }];
  }
}

const tableNameOf = (detail: unknown): string => {
  const name = (detail as { TableName?: unknown } | undefined)?.TableName;
  return typeof name === 'string' ? name : '';
};

/** The IAM action that authorizes each part of a transaction. */
const TRANSACTION_PART_ACTIONS: Readonly<Record<string, string>> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
  Get: 'GetItem',
};

/** `tasks:GetItem`, `tasks/index/by_title:Query`: a permission by the table's logical name. */
export function permissionKey(table: TableName, action: string, index?: string): string {
  return `${table}${index === undefined ? '' : `/index/${index}`}:${action}`;
}

/** Every permission a contract grants, as `permissionKey`s. */
export function grantedPermissions(access: RouteAccess): Set<string> {
  const granted = new Set<string>();
  for (const table of TABLE_NAMES) {
    const tableAccess: TableAccess | undefined = access.tables?.[table];
    for (const action of tableAccess?.actions ?? []) granted.add(permissionKey(table, action));
    for (const index of tableAccess?.indexes ?? []) granted.add(permissionKey(table, 'Query', index));
  }
  return granted;
}

/** What IAM answers a refused call with (a client fault: the function, not DynamoDB, is wrong). */
export class AccessDeniedException extends Error {
  readonly $fault = 'client';
  readonly $metadata = { httpStatusCode: 400 };
  constructor(functionId: string, permission: DynamoDbPermission) {
    const resource = `table/${permission.table}${permission.index === undefined ? '' : `/index/${permission.index}`}`;
    super(
      `User: local/${functionId} is not authorized to perform: dynamodb:${permission.action} on resource: ${resource} ` +
        'because its route contract does not list it (access.tables)',
    );
    this.name = 'AccessDeniedException';
  }
}

interface Running {
  readonly functionId: string;
  readonly granted: ReadonlySet<string>;
}

export interface DynamoDbAccessGuard {
  /** Runs `work` as function `functionId` with the contract's access: other DynamoDB calls are refused. */
  run<T>(functionId: string, access: RouteAccess, work: () => Promise<T>): Promise<T>;
  /** The permissions each function used so far (`permissionKey`s), by function id. */
  readonly used: ReadonlyMap<string, ReadonlySet<string>>;
  /** The calls refused so far, by function id. */
  readonly denied: ReadonlyMap<string, readonly string[]>;
}

/** The logical name of a physical table (undefined for a table the definitions do not know). */
function logicalTable(physical: string): TableName | undefined {
  return TABLE_NAMES.find((name) => process.env[tableDefinitions[name].envVar] === physical);
}

/** Adds the guard's middleware to a client (its document client shares the low-level client's stack). */
export function guardClient(client: DynamoDBDocumentClient): DynamoDbAccessGuard {
  const running = new AsyncLocalStorage<Running>();
  const used = new Map<string, Set<string>>();
  const denied = new Map<string, string[]>();
  client.middlewareStack.add(
    (next, context) => (args) => {
      const current = running.getStore();
      if (current) {
        const command = (context.commandName ?? '').replace(/Command$/, '');
        for (const permission of permissionsOf(command, args.input as Record<string, unknown>)) {
          const table = logicalTable(permission.table);
          const key =
            table === undefined ? undefined : permissionKey(table, permission.action, permission.index);
          if (key === undefined || !current.granted.has(key)) {
            const refusals = denied.get(current.functionId) ?? [];
            refusals.push(key ?? `${permission.table}:${permission.action}`);
            denied.set(current.functionId, refusals);
            return Promise.reject(new AccessDeniedException(current.functionId, permission));
          }
          const keys = used.get(current.functionId) ?? new Set<string>();
          keys.add(key);
          used.set(current.functionId, keys);
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'localDynamoDbAccessGuard', priority: 'high' },
  );
  return {
    run: (functionId, access, work) => running.run({ functionId, granted: grantedPermissions(access) }, work),
    used,
    denied,
  };
}

let shared: Promise<DynamoDbAccessGuard> | undefined;

/**
 * The guard on the functions' shared client, installed once per module registry. The client module is
 * loaded at the first guarded run, not before: it reads its configuration (the DynamoDB endpoint) when it
 * loads, and `npm start` sets that configuration only after the gateway's modules are imported.
 */
export function sharedAccessGuard(): Promise<DynamoDbAccessGuard> {
  return (shared ??= import('../../functions/shared/data/dynamodb-client').then((module) => {
    // tsx may hand a CommonJS module's exports over as `default` when imported from ESM.
    const loaded = module as {
      dynamo?: DynamoDBDocumentClient;
      default?: { dynamo?: DynamoDBDocumentClient };
    };
    const client = loaded.dynamo ?? loaded.default?.dynamo;
    if (!client) throw new Error('functions/shared/data/dynamodb-client exports no dynamo client');
    return guardClient(client);
  }));
}

/** Runs `work` as function `functionId` under the shared guard. */
export async function runWithAccess<T>(
  functionId: string,
  access: RouteAccess,
  work: () => Promise<T>,
): Promise<T> {
  return (await sharedAccessGuard()).run(functionId, access, work);
}
