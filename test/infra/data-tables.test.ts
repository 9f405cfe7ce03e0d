import {
  tableDefinitions as tables,
  type TableDefinition,
} from '../../functions/shared/data/table-definitions';
import { synthesize } from './synth';

const { template } = synthesize();
const deployed = template.findResources('AWS::DynamoDB::Table') as Record<
  string,
  { Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string }
>;
const definitions: [string, TableDefinition][] = Object.entries(tables);

function tableOf(definition: TableDefinition) {
  const table = deployed[definition.logicalId];
  if (!table) throw new Error(`No table ${definition.logicalId}`);
  return table;
}

describe('DynamoDB tables', () => {
  it.each(definitions)(
    '%s has the definition keys, all strings, on-demand, with point-in-time recovery',
    (_name, definition) => {
      // Act
      const { Properties: table } = tableOf(definition);

      // Assert
      expect(table.KeySchema).toEqual([
        { AttributeName: definition.partitionKey, KeyType: 'HASH' },
        ...(definition.sortKey ? [{ AttributeName: definition.sortKey, KeyType: 'RANGE' }] : []),
      ]);
      expect(table.AttributeDefinitions).toEqual(
        expect.arrayContaining([{ AttributeName: definition.partitionKey, AttributeType: 'S' }]),
      );
      for (const attribute of table.AttributeDefinitions as { AttributeType: string }[])
        expect(attribute.AttributeType).toBe('S');
      expect(table.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    },
  );

  it('gives the tasks table its five sort-order LSIs, every attribute projected', () => {
    // Act
    const indexes = tableOf(tables.tasks).Properties.LocalSecondaryIndexes as {
      IndexName: string;
      KeySchema: { AttributeName: string; KeyType: string }[];
      Projection: { ProjectionType: string };
    }[];

    // Assert
    expect(indexes).toHaveLength(5);
    expect(indexes.map((index) => index.IndexName).sort()).toEqual(
      tables.tasks.localIndexes.map((index) => index.indexName).sort(),
    );
    for (const definition of tables.tasks.localIndexes) {
      expect(indexes).toContainEqual({
        IndexName: definition.indexName,
        KeySchema: [
          { AttributeName: tables.tasks.partitionKey, KeyType: 'HASH' },
          { AttributeName: definition.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
    }
  });

  it('expires idempotency records and rate-limit counters by TTL, and never tasks', () => {
    for (const definition of [tables.idempotency, tables.rateLimits]) {
      expect(tableOf(definition).Properties.TimeToLiveSpecification).toEqual({
        AttributeName: definition.ttlAttribute,
        Enabled: true,
      });
    }
    expect(tableOf(tables.tasks).Properties.TimeToLiveSpecification).toBeUndefined();
  });

  it('keeps the tasks table when the stack is deleted or the table replaced', () => {
    expect(tableOf(tables.tasks)).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});
