/** Helpers shared by the integration tests; the table itself comes from @taskmgr/test-support. */
import { GetCommand, ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from '@taskmgr/dynamo';
import type { TestTable } from '@taskmgr/test-support';

/** A clock the test moves by hand. */
export class ManualClock {
  private current: Date;

  constructor(start: string | Date) {
    this.current = new Date(start);
  }

  readonly now = (): Date => new Date(this.current);

  advance(ms: number): Date {
    this.current = new Date(this.current.getTime() + ms);
    return this.now();
  }

  set(at: string | Date): void {
    this.current = new Date(at);
  }
}

export async function getRaw(
  table: TestTable,
  key: ItemKey,
): Promise<Record<string, unknown> | undefined> {
  const output = await table.doc.send(
    new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }),
  );
  return output.Item;
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
