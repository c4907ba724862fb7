/** BatchWriteItem in chunks of 25, retrying UnprocessedItems with backoff until all are written. */
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { type ItemKey, keyOf } from './keys';
import { type BackoffOptions, jitteredDelay, sleep } from './retry';

export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

export const BATCH_WRITE_LIMIT = 25;

/** The one call a batch write makes; a DynamoDBDocumentClient fits, and so does a test wrapper. */
export interface BatchWriteClient {
  send(command: BatchWriteCommand): Promise<BatchWriteCommandOutput>;
}

export interface BatchWriteOptions extends Partial<BackoffOptions> {
  /** Calls per chunk before giving up on items DynamoDB keeps leaving unprocessed. */
  maxAttempts?: number;
  /** Chunks in flight at once. */
  concurrency?: number;
  /** Called with the number of items each call actually wrote. */
  onProgress?: (written: number) => void;
}

export interface BatchWriteResult {
  written: number;
  /** BatchWriteItem calls that were not retries. */
  batches: number;
  /** Calls that resent UnprocessedItems. */
  retries: number;
}

export class UnprocessedItemsError extends Error {
  constructor(
    readonly unprocessed: number,
    readonly attempts: number,
  ) {
    super(
      `${unprocessed} item(s) were still unprocessed after ${attempts} attempts; ` +
        'the table is throttling or overloaded: retry with a lower concurrency',
    );
    this.name = 'UnprocessedItemsError';
  }
}

const DEFAULTS = { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 2_000, concurrency: 4 } as const;

/**
 * Writes the requests `concurrency` chunks at a time. DynamoDB may accept only part of a batch
 * and hand the rest back as UnprocessedItems (under throttling, or on a busy partition); those
 * are resent with jittered backoff until written or `maxAttempts` is reached. Requests are
 * consumed lazily, so a generator of a million items never sits in memory at once.
 */
export async function batchWriteAll(
  client: BatchWriteClient,
  tableName: string,
  requests: Iterable<WriteRequest>,
  options: BatchWriteOptions = {},
): Promise<BatchWriteResult> {
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
  const backoff: BackoffOptions = {
    baseDelayMs: options.baseDelayMs ?? DEFAULTS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULTS.maxDelayMs,
  };
  const result: BatchWriteResult = { written: 0, batches: 0, retries: 0 };

  const writeChunk = async (chunk: WriteRequest[]) => {
    let pending = chunk;
    result.batches += 1;
    for (let attempt = 1; ; attempt += 1) {
      const output = await client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
      );
      const unprocessed = output.UnprocessedItems?.[tableName] ?? [];
      const written = pending.length - unprocessed.length;
      result.written += written;
      if (written > 0) options.onProgress?.(written);
      if (unprocessed.length === 0) return;
      if (attempt >= maxAttempts) throw new UnprocessedItemsError(unprocessed.length, attempt);
      result.retries += 1;
      await sleep(jitteredDelay(attempt - 1, backoff));
      pending = unprocessed;
    }
  };

  // Workers pull the next chunk from the shared generator; pulling is synchronous, so no two
  // workers ever get the same chunk. After a failure they finish what they hold and stop.
  const source = chunks(requests, BATCH_WRITE_LIMIT);
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure) {
      try {
        const next = source.next();
        if (next.done) return;
        await writeChunk(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const concurrency = options.concurrency ?? DEFAULTS.concurrency;
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (failure) throw failure.error;
  return result;
}

/** Items are whole stored items (TaskItem, NotificationItem, ...), keys included. */
export function batchPutAll(
  client: BatchWriteClient,
  tableName: string,
  items: Iterable<object>,
  options?: BatchWriteOptions,
): Promise<BatchWriteResult> {
  return batchWriteAll(
    client,
    tableName,
    mapLazily(items, (item) => ({ PutRequest: { Item: { ...item } } })),
    options,
  );
}

export function batchDeleteAll(
  client: BatchWriteClient,
  tableName: string,
  keys: Iterable<ItemKey>,
  options?: BatchWriteOptions,
): Promise<BatchWriteResult> {
  return batchWriteAll(
    client,
    tableName,
    mapLazily(keys, (key) => ({ DeleteRequest: { Key: keyOf(key) } })),
    options,
  );
}

function* mapLazily<T, R>(inputs: Iterable<T>, map: (input: T) => R): Generator<R> {
  for (const input of inputs) yield map(input);
}

function* chunks<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
