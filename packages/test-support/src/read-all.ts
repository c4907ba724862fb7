import { queryAllPages, type StoredItem } from '@taskmgr/dynamo';
import type { TestTable } from './test-table';

type QueryInput = Parameters<typeof queryAllPages>[1];

/** Every item a Query returns, across pages. */
export async function queryAll<T = StoredItem>(
  table: TestTable,
  input: Omit<QueryInput, 'TableName'>,
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of queryAllPages<T>(table.doc, { ...input, TableName: table.tableName })) {
    items.push(...page);
  }
  return items;
}
