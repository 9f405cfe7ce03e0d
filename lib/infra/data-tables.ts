import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { tables, type TableDefinition, type TableName } from '../../functions/shared/data/table-definitions';

/**
 * Only the tasks table holds data that cannot be rebuilt (users, tasks, counters); idempotency records
 * and rate-limit counters expire within a day, so deleting the stack may delete them.
 */
const RETAINED: ReadonlySet<TableName> = new Set<TableName>(['tasks']);

export interface DataTablesProps {
  /** Keep the tables of `RETAINED` when the stack is deleted or a table replaced. @default true */
  readonly retain?: boolean;
  /** DynamoDB deletion protection on every table. @default false */
  readonly deletionProtection?: boolean;
  /** @default true */
  readonly pointInTimeRecovery?: boolean;
}

/**
 * The DynamoDB tables, deployed from the same definitions the local bootstrap creates in DynamoDB Local:
 * on-demand billing, the definitions' LSIs (projection ALL) and TTL attributes, and the environment's
 * protections (retention, deletion protection, point-in-time recovery).
 */
export class DataTables extends Construct {
  readonly tables: Readonly<Record<TableName, dynamodb.Table>>;
  private readonly protection: Required<DataTablesProps>;

  constructor(scope: Construct, id: string, props: DataTablesProps = {}) {
    super(scope, id);
    this.protection = {
      retain: props.retain ?? true,
      deletionProtection: props.deletionProtection ?? false,
      pointInTimeRecovery: props.pointInTimeRecovery ?? true,
    };
    const names = Object.keys(tables) as TableName[];
    this.tables = Object.fromEntries(names.map((name) => [name, this.table(name, tables[name])])) as Record<
      TableName,
      dynamodb.Table
    >;
  }

  private table(name: TableName, definition: TableDefinition): dynamodb.Table {
    const table = new dynamodb.Table(this, definition.logicalId, {
      partitionKey: { name: definition.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: definition.sortKey
        ? { name: definition.sortKey, type: dynamodb.AttributeType.STRING }
        : undefined,
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
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    // The definition's logical id, independent of this construct's place in the tree: moving code around
    // must never make CloudFormation replace (and so empty) a table.
    (table.node.defaultChild as dynamodb.CfnTable).overrideLogicalId(definition.logicalId);
    return table;
  }
}
