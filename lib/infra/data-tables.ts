import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { tables, type TableDefinition, type TableName } from '../../functions/shared/data/table-definitions';

/**
 * Only the tasks table holds data that cannot be rebuilt (users, tasks, counters); idempotency records
 * and rate-limit counters expire within a day, so deleting the stack may delete them.
 */
const RETAINED: ReadonlySet<TableName> = new Set<TableName>(['tasks']);

/**
 * The DynamoDB tables, deployed from the same definitions the local bootstrap creates in DynamoDB Local:
 * on-demand billing, point-in-time recovery, the definitions' LSIs (projection ALL) and TTL attributes.
 */
export class DataTables extends Construct {
  readonly tables: Readonly<Record<TableName, dynamodb.Table>>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
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
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: definition.ttlAttribute,
      removalPolicy: RETAINED.has(name) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
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
