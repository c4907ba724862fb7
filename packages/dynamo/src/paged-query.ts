/** Query pagination that keeps pages full when a FilterExpression drops items. */
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { PageKey } from './cursor';
import type { StoredItem } from './write-errors';

export interface Page<T> {
  items: T[];
  /** Present when the query may have more items; feed it back as `startKey`. */
  lastKey?: PageKey;
}

export interface PageRequest {
  limit: number;
  startKey?: PageKey | undefined;
}

export const MAX_PAGE_SIZE = 1000;

/**
 * Reads until `limit` items passed the filter or the query is exhausted. Each round asks for at
 * most the items still missing, so the last evaluated key is never past a returned item and the
 * next page starts exactly where this one stopped.
 */
export async function queryPage<T = StoredItem>(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  request: PageRequest,
): Promise<Page<T>> {
  assertPageSize(request.limit);
  const items: T[] = [];
  let startKey = request.startKey;
  do {
    const output = await doc.send(
      new QueryCommand({
        ...input,
        Limit: request.limit - items.length,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...((output.Items ?? []) as T[]));
    startKey = output.LastEvaluatedKey ? toPageKey(output.LastEvaluatedKey) : undefined;
  } while (startKey && items.length < request.limit);
  return startKey ? { items, lastKey: startKey } : { items };
}

/** What one Query round trip cost: items read before filtering, items returned, capacity. */
export interface QueryPageStats {
  scannedCount: number;
  count: number;
  /** Read capacity units, when the input asked for ReturnConsumedCapacity. */
  consumedCapacity: number | undefined;
}

/**
 * Every page of a query, one at a time, so callers can act on a page before reading more.
 * `onPage` sees each round trip's cost, e.g. for a benchmark or a metric.
 */
export async function* queryAllPages<T = StoredItem>(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  onPage?: (stats: QueryPageStats) => void,
): AsyncGenerator<T[]> {
  let startKey: PageKey | undefined;
  do {
    const output = await doc.send(
      new QueryCommand({ ...input, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
    );
    onPage?.({
      scannedCount: output.ScannedCount ?? 0,
      count: output.Count ?? 0,
      consumedCapacity: output.ConsumedCapacity?.CapacityUnits,
    });
    yield (output.Items ?? []) as T[];
    startKey = output.LastEvaluatedKey ? toPageKey(output.LastEvaluatedKey) : undefined;
  } while (startKey);
}

/** Counts the matching items across all pages (Select COUNT reads no attributes back). */
export async function countQuery(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
): Promise<number> {
  let count = 0;
  let startKey: PageKey | undefined;
  do {
    const output = await doc.send(
      new QueryCommand({
        ...input,
        Select: 'COUNT',
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    count += output.Count ?? 0;
    startKey = output.LastEvaluatedKey ? toPageKey(output.LastEvaluatedKey) : undefined;
  } while (startKey);
  return count;
}

export function assertPageSize(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new RangeError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
}

function toPageKey(key: Record<string, unknown>): PageKey {
  const pageKey: PageKey = {};
  for (const [name, value] of Object.entries(key)) {
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new TypeError(`Unexpected key attribute type for ${name}`);
    }
    pageKey[name] = value;
  }
  return pageKey;
}

export interface LookaheadPageRequest<T> extends PageRequest {
  /** The start key that resumes right after `item`, e.g. its table and index keys. */
  keyOf: (item: T) => PageKey;
}

/**
 * One page that never hands out a key leading to an empty page: it reads until one item past
 * the page has passed the filter (there is more) or the query is exhausted (there is none), and
 * the returned key is rebuilt from the page's last item. With a FilterExpression each round
 * reads twice as many items as the last, so a sparse filter costs few round trips.
 */
export async function queryPageWithLookahead<T = StoredItem>(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  request: LookaheadPageRequest<T>,
): Promise<Page<T>> {
  assertPageSize(request.limit);
  const wanted = request.limit + 1;
  const filtered = input.FilterExpression !== undefined;
  const items: T[] = [];
  let startKey = request.startKey;
  let readSize = wanted;
  do {
    const missing = wanted - items.length;
    const output = await doc.send(
      new QueryCommand({
        ...input,
        Limit: filtered ? Math.max(readSize, missing) : missing,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...((output.Items ?? []) as T[]));
    startKey = output.LastEvaluatedKey ? toPageKey(output.LastEvaluatedKey) : undefined;
    readSize = Math.min(MAX_PAGE_SIZE, readSize * 2);
  } while (startKey && items.length < wanted);
  if (items.length <= request.limit) return { items };
  const page = items.slice(0, request.limit);
  const last = page[page.length - 1];
  return last === undefined ? { items: page } : { items: page, lastKey: request.keyOf(last) };
}
