import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '@taskmgr/dynamo';
import { createTestTable, type TestTable } from '@taskmgr/test-support';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable('schema');
});
afterAll(() => table.destroy());

test('the created table has exactly the keys, indexes, TTL and stream of the definition', async () => {
  const { Table } = await table.client.send(
    new DescribeTableCommand({ TableName: table.tableName }),
  );
  expect(Table?.KeySchema).toEqual([
    { AttributeName: tableDefinition.partitionKey.name, KeyType: 'HASH' },
    { AttributeName: tableDefinition.sortKey.name, KeyType: 'RANGE' },
  ]);
  expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
    tableDefinition.globalSecondaryIndexes.map((i) => i.indexName).sort(),
  );
  expect(Table?.LocalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
    tableDefinition.localSecondaryIndexes.map((i) => i.indexName).sort(),
  );
  expect(Table?.StreamSpecification).toEqual({
    StreamEnabled: true,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  });
  const ttl = await table.client.send(
    new DescribeTimeToLiveCommand({ TableName: table.tableName }),
  );
  expect(ttl.TimeToLiveDescription?.AttributeName).toBe(tableDefinition.timeToLiveAttribute);
});
