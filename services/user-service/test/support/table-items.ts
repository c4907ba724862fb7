import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { emailGuardKey, type ItemKey } from '@taskmgr/dynamo';
import type { TestTable } from '@taskmgr/test-support';

/** Every item in the table (test tables are small), read consistently. */
export async function allItems(
  table: TestTable,
): Promise<Array<Record<string, unknown> & ItemKey>> {
  const items: Array<Record<string, unknown> & ItemKey> = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(
      new ScanCommand({
        TableName: table.tableName,
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as Array<Record<string, unknown> & ItemKey>));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** The profiles (any user) and guard items that mention one address. */
export async function itemsForEmail(table: TestTable, email: string) {
  const items = await allItems(table);
  const guardPartition = emailGuardKey(email).EntityPartition;
  return {
    profiles: items.filter((i) => i.EntityType === 'USER' && i.Email === email),
    guards: items.filter((i) => i.EntityPartition === guardPartition),
  };
}

export async function itemsOfUser(table: TestTable, userId: string) {
  const items = await allItems(table);
  return items.filter((i) => i.EntityPartition === `USER_${userId}` || i.UserId === userId);
}
