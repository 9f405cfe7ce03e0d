import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  tableDefinitions,
  type GlobalIndexDefinition,
  type TableDefinition,
  type TableName,
} from '../../functions/shared/data/table-definitions';

/**
 * Only the tasks table holds data that cannot be rebuilt (users, tasks, counters); idempotency records
 * and rate-limit counters expire within a day, so deleting the stack may delete them.
 */
const RETAINED: ReadonlySet<string> = new Set<TableName>(['tasks']);

/** The environment's protections of its data. */
export interface DataProtection {
  /** Keep the tables of `RETAINED` when the stack is deleted or a table replaced. @default true */
  readonly retain?: boolean;
  /** DynamoDB deletion protection on every table. @default false */
  readonly deletionProtection?: boolean;
  /** @default true */
  readonly pointInTimeRecovery?: boolean;
}

export interface DataTablesProps<Name extends string> extends DataProtection {
  /** The tables to deploy; the API's own by default (other definitions serve tests of this construct). */
  readonly definitions?: Readonly<Record<Name, TableDefinition>>;
}

/**
 * The DynamoDB tables, deployed from the same definitions the local bootstrap creates in DynamoDB Local:
 * on-demand billing, the definitions' LSIs (projection ALL), GSIs and TTL attributes, and the
 * environment's protections (retention, deletion protection, point-in-time recovery).
 */
export class DataTables<Name extends string = TableName> extends Construct {
  readonly tables: Readonly<Record<Name, dynamodb.Table>>;
  private readonly protection: Required<DataProtection>;

  constructor(scope: Construct, id: string, props: DataTablesProps<Name> = {}) {
    super(scope, id);
    this.protection = {
      retain: props.retain ?? true,
      deletionProtection: props.deletionProtection ?? false,
      pointInTimeRecovery: props.pointInTimeRecovery ?? true,
    };
    const definitions = (props.definitions ?? tableDefinitions) as Readonly<Record<Name, TableDefinition>>;
    this.tables = Object.fromEntries(
      (Object.entries(definitions) as [Name, TableDefinition][]).map(([name, definition]) => [
        name,
        this.table(name, definition),
      ]),
    ) as Record<Name, dynamodb.Table>;
  }

  private table(name: Name, definition: TableDefinition): dynamodb.Table {
    const key = (attribute: string) => ({ name: attribute, type: dynamodb.AttributeType.STRING });
    const table = new dynamodb.Table(this, definition.logicalId, {
      partitionKey: key(definition.partitionKey),
      sortKey: definition.sortKey ? key(definition.sortKey) : undefined,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: this.protection.pointInTimeRecovery,
      },
      deletionProtection: this.protection.deletionProtection,
      timeToLiveAttribute: definition.ttlAttribute,
      removalPolicy:
        this.protection.retain && RETAINED.has(name) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of definition.localIndexes) {
      table.addLocalSecondaryIndex({
        indexName: index.indexName,
        sortKey: key(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    for (const index of definition.globalIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: key(index.partitionKey),
        sortKey: index.sortKey ? key(index.sortKey) : undefined,
        ...projection(index),
      });
    }
    // The definition's logical id, independent of this construct's place in the tree: moving code around
    // must never make CloudFormation replace (and so empty) a table.
    (table.node.defaultChild as dynamodb.CfnTable).overrideLogicalId(definition.logicalId);
    return table;
  }
}

function projection(index: GlobalIndexDefinition): {
  projectionType: dynamodb.ProjectionType;
  nonKeyAttributes?: string[];
} {
  if (index.projection === 'ALL') return { projectionType: dynamodb.ProjectionType.ALL };
  if (index.projection === 'KEYS_ONLY') return { projectionType: dynamodb.ProjectionType.KEYS_ONLY };
  return { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection.include] };
}
