import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';

/** BatchWriteItem's hard limit. */
export const BATCH_SIZE = 25;

/** The one call the writer makes; a DynamoDBDocumentClient fits, and so does a test wrapper. */
export interface BatchWriteClient {
  send(command: BatchWriteCommand): Promise<BatchWriteCommandOutput>;
}

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

export interface WriteItemsOptions {
  client: BatchWriteClient;
  tableName: string;
  /** Consumed lazily, so a million generated items never sit in memory at once. */
  items: Iterable<object>;
  /** Batches in flight at once (default 4; DynamoDB Local gains little beyond). */
  concurrency?: number;
  /** Calls per batch before giving up on items DynamoDB keeps returning (default 10). */
  maxAttempts?: number;
  /** First retry waits up to this long; each further retry doubles it (default 50 ms). */
  baseDelayMs?: number;
  /** Cap for one wait (default 5 s). */
  maxDelayMs?: number;
  /** Called with the number of items each call actually wrote. */
  onProgress?: (written: number) => void;
  /** For the jitter; tests pass a fixed one. */
  random?: () => number;
}

export interface WriteItemsResult {
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
        'the table is throttling or overloaded: retry with a lower --concurrency',
    );
    this.name = 'UnprocessedItemsError';
  }
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Writes items with BatchWriteItem in chunks of 25, `concurrency` chunks at a time.
 * DynamoDB may accept only part of a batch and hand the rest back as UnprocessedItems (under
 * throttling, or on a partition that is busy); those are resent with exponential backoff and
 * full jitter until written or `maxAttempts` is reached.
 */
export async function writeItems(options: WriteItemsOptions): Promise<WriteItemsResult> {
  const {
    client,
    tableName,
    concurrency = 4,
    maxAttempts = 10,
    baseDelayMs = 50,
    maxDelayMs = 5_000,
    onProgress,
    random = Math.random,
  } = options;
  const result: WriteItemsResult = { written: 0, batches: 0, retries: 0 };
  const source = chunks(options.items, BATCH_SIZE);
  let failure: { error: unknown } | undefined;

  const writeChunk = async (chunk: object[]) => {
    let pending: WriteRequest[] = chunk.map((item) => ({
      PutRequest: { Item: item as Record<string, unknown> },
    }));
    result.batches += 1;
    for (let attempt = 1; ; attempt += 1) {
      const output = await client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
      );
      const unprocessed = output.UnprocessedItems?.[tableName] ?? [];
      const written = pending.length - unprocessed.length;
      result.written += written;
      if (written > 0) onProgress?.(written);
      if (unprocessed.length === 0) return;
      if (attempt >= maxAttempts) throw new UnprocessedItemsError(unprocessed.length, attempt);
      result.retries += 1;
      await sleep(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
      pending = unprocessed;
    }
  };

  // Workers pull the next chunk from the shared generator; pulling is synchronous, so no two
  // workers ever get the same chunk. After a failure they finish what they hold and stop.
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
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (failure) throw failure.error;
  return result;
}
