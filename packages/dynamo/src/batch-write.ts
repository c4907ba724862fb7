/** BatchWriteItem in chunks of 25, retrying UnprocessedItems with backoff until all are written. */
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { mapWithConcurrency } from './concurrency';
import type { ItemKey } from './keys';
import { type BackoffOptions, jitteredDelay, sleep } from './retry';

export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

export const BATCH_WRITE_LIMIT = 25;

export interface BatchWriteOptions extends Partial<BackoffOptions> {
  /** Tries per chunk before giving up on items DynamoDB keeps leaving unprocessed. */
  maxAttempts?: number;
  /** Chunks in flight at once. */
  concurrency?: number;
}

const DEFAULTS = { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 2_000, concurrency: 4 } as const;

export async function batchWriteAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
  options: BatchWriteOptions = {},
): Promise<void> {
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += BATCH_WRITE_LIMIT) {
    chunks.push(requests.slice(i, i + BATCH_WRITE_LIMIT));
  }
  await mapWithConcurrency(chunks, options.concurrency ?? DEFAULTS.concurrency, (chunk) =>
    writeChunk(doc, tableName, chunk, options),
  );
}

/** Items are whole stored items (TaskItem, NotificationItem, ...), keys included. */
export function batchPutAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  items: readonly object[],
  options?: BatchWriteOptions,
): Promise<void> {
  return batchWriteAll(
    doc,
    tableName,
    items.map((item) => ({ PutRequest: { Item: { ...item } } })),
    options,
  );
}

export function batchDeleteAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
  options?: BatchWriteOptions,
): Promise<void> {
  return batchWriteAll(
    doc,
    tableName,
    keys.map((key) => ({
      DeleteRequest: { Key: { EntityPartition: key.EntityPartition, EntitySort: key.EntitySort } },
    })),
    options,
  );
}

async function writeChunk(
  doc: DynamoDBDocumentClient,
  tableName: string,
  chunk: WriteRequest[],
  options: BatchWriteOptions,
): Promise<void> {
  const maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
  const backoff: BackoffOptions = {
    baseDelayMs: options.baseDelayMs ?? DEFAULTS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULTS.maxDelayMs,
  };
  let pending = chunk;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= maxAttempts) {
      throw new Error(
        `${pending.length} batch writes stayed unprocessed after ${maxAttempts} tries`,
      );
    }
    if (attempt > 0) await sleep(jitteredDelay(attempt - 1, backoff));
    const output = await doc.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
    );
    pending = output.UnprocessedItems?.[tableName] ?? [];
  }
}
