/** Helpers shared by the integration tests; the table itself comes from @taskmgr/test-support. */
import {
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { type ItemKey, userPartition } from '@taskmgr/dynamo';
import type { TestTable } from '@taskmgr/test-support';

export { ManualClock } from '@taskmgr/test-support';

export async function getRaw(
  table: TestTable,
  key: ItemKey,
): Promise<Record<string, unknown> | undefined> {
  const output = await table.doc.send(
    new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }),
  );
  return output.Item;
}

/** One Query page of a user's partition, on the table or (with IndexName) one of its LSIs. */
export function queryUserPartition(
  table: TestTable,
  userId: string,
  input: Omit<QueryCommandInput, 'TableName' | 'KeyConditionExpression'> = {},
) {
  return table.doc.send(
    new QueryCommand({
      ...input,
      TableName: table.tableName,
      KeyConditionExpression: 'EntityPartition = :pk',
      ExpressionAttributeValues: { ':pk': userPartition(userId) },
    }),
  );
}

/** Every item of the table or of one index, across pages. */
export async function scanAll(
  table: TestTable,
  input: Omit<ScanCommandInput, 'TableName'> = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const output = await table.doc.send(
      new ScanCommand({
        ...input,
        TableName: table.tableName,
        ConsistentRead: input.IndexName ? undefined : true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...(output.Items ?? []));
    startKey = output.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Settles every promise and sorts the outcomes into values and errors. */
export async function settle<T>(
  promises: Promise<T>[],
): Promise<{ values: T[]; errors: unknown[] }> {
  const results = await Promise.allSettled(promises);
  return {
    values: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    errors: results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])),
  };
}
