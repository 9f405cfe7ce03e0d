import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { TableDefinition } from '../../functions/shared/data/table-definitions';
import { DataTables } from '../../lib/infra/data-tables';
import { createTableInput } from '../../lib/local/create-tables';

/**
 * No table needs a GSI yet, but the definitions can describe one (LSIs cannot be added to a live table,
 * GSIs can): CDK deploys it and the local bootstrap creates the same index in DynamoDB Local.
 */
const withGlobalIndexes = {
  logicalId: 'ProjectsTable',
  envVar: 'PROJECTS_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  localIndexes: [{ indexName: 'by_name', sortKey: 'lsi_name' }],
  globalIndexes: [
    { indexName: 'by_owner', partitionKey: 'gsi_owner', sortKey: 'gsi_created', projection: 'KEYS_ONLY' },
    { indexName: 'by_slug', partitionKey: 'gsi_slug', projection: { include: ['name', 'status'] } },
  ],
} as const satisfies TableDefinition;

describe('global secondary indexes in table definitions', () => {
  it('CDK deploys each GSI with its keys and projection', () => {
    // Prepare
    const stack = new Stack(new App(), 'GsiStack');

    // Act
    new DataTables(stack, 'Data', { definitions: { projects: withGlobalIndexes } });

    // Assert
    const table = Template.fromStack(stack).toJSON().Resources.ProjectsTable.Properties;
    expect(table.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'by_owner',
        KeySchema: [
          { AttributeName: 'gsi_owner', KeyType: 'HASH' },
          { AttributeName: 'gsi_created', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
      {
        IndexName: 'by_slug',
        KeySchema: [{ AttributeName: 'gsi_slug', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['name', 'status'] },
      },
    ]);
    expect(table.AttributeDefinitions).toEqual(
      expect.arrayContaining(
        ['gsi_owner', 'gsi_created', 'gsi_slug'].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      ),
    );
  });

  it('the local bootstrap creates the same GSIs in DynamoDB Local', async () => {
    // Prepare
    const client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
    const tableName = `gsi-test-${randomUUID()}`;

    // Act
    await client.send(new CreateTableCommand(createTableInput(withGlobalIndexes, tableName)));
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    client.destroy();

    // Assert
    const indexes = (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
      name: index.IndexName,
      keys: index.KeySchema?.map((key) => key.AttributeName),
      projection: index.Projection?.ProjectionType,
      include: index.Projection?.NonKeyAttributes,
    }));
    expect(indexes.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual([
      { name: 'by_owner', keys: ['gsi_owner', 'gsi_created'], projection: 'KEYS_ONLY', include: undefined },
      { name: 'by_slug', keys: ['gsi_slug'], projection: 'INCLUDE', include: ['name', 'status'] },
    ]);
  });
});
