/**
 * Defence in depth for decoded cursors: a start key must be a key of the same index, inside the
 * caller's partition, or DynamoDB would answer with a ValidationException (a 500) or, worse,
 * read another user's items.
 */
import type { PageKey } from './cursor';
import { InvalidCursorError } from './errors';
import { Attr } from './table-definition';

export interface StartKeyShape {
  partition: string;
  /** Sort-key prefix of the entity the query reads, e.g. TASK_. */
  sortPrefix: string;
  /** The index sort-key attribute, for a query on an LSI. */
  indexSortAttribute?: string | undefined;
}

export function assertStartKeyFits(startKey: PageKey, shape: StartKeyShape): void {
  const expected = [Attr.partition, Attr.sort, shape.indexSortAttribute]
    .filter((name): name is string => name !== undefined)
    .sort();
  const actual = Object.keys(startKey).sort();
  const sameAttributes =
    expected.length === actual.length && expected.every((name, i) => name === actual[i]);
  if (!sameAttributes) throw new InvalidCursorError('query-mismatch');
  if (startKey[Attr.partition] !== shape.partition) throw new InvalidCursorError('foreign-user');
  const sort = startKey[Attr.sort];
  if (typeof sort !== 'string' || !sort.startsWith(shape.sortPrefix)) {
    throw new InvalidCursorError('query-mismatch');
  }
}
