import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import {
  type BatchWriteClient,
  batchPutAll,
  buildTaskItem,
  type TaskItem,
  UnprocessedItemsError,
} from '@taskmgr/dynamo';
import { useTestTable } from '@taskmgr/test-support';
import { scanAll } from './support';

const table = useTestTable('batch-write');

const items = (n: number, label: string): TaskItem[] =>
  Array.from({ length: n }, (_, i) =>
    buildTaskItem(
      { userId: `u-${label}`, taskId: `${label}-${i}`, title: `Task ${i}` },
      new Date(),
    ),
  );

async function keysInTable(): Promise<Set<string>> {
  const stored = await scanAll(table, { ProjectionExpression: 'EntityPartition, EntitySort' });
  return new Set(stored.map((item) => `${item.EntityPartition}|${item.EntitySort}`));
}

/**
 * Writes only part of each request to DynamoDB Local and hands the rest back as
 * UnprocessedItems, as DynamoDB does under throttling, for the first `flakyCalls` calls.
 */
function partlyUnprocessed(flakyCalls: number) {
  const calls: number[] = [];
  const wrapper: BatchWriteClient = {
    async send(command: BatchWriteCommand): Promise<BatchWriteCommandOutput> {
      const requests = command.input.RequestItems?.[table.tableName] ?? [];
      calls.push(requests.length);
      if (calls.length > flakyCalls || requests.length < 2) return table.doc.send(command);
      const keep = requests.slice(0, Math.ceil(requests.length / 2));
      const output = await table.doc.send(
        new BatchWriteCommand({ RequestItems: { [table.tableName]: keep } }),
      );
      return { ...output, UnprocessedItems: { [table.tableName]: requests.slice(keep.length) } };
    },
  };
  return { wrapper, calls };
}

test('UnprocessedItems are retried until every item is in the table', async () => {
  const batch = items(130, 'retried');
  const { wrapper, calls } = partlyUnprocessed(6);
  let progress = 0;
  const result = await batchPutAll(wrapper, table.tableName, batch, {
    concurrency: 2,
    baseDelayMs: 5,
    onProgress: (n) => {
      progress += n;
    },
  });
  expect(result.written).toBe(130);
  expect(result.batches).toBe(6);
  expect(result.retries).toBeGreaterThanOrEqual(6);
  expect(progress).toBe(130);
  expect(calls.length).toBe(result.batches + result.retries);
  expect(Math.max(...calls)).toBeLessThanOrEqual(25);

  const stored = await keysInTable();
  for (const item of batch)
    expect(stored.has(`${item.EntityPartition}|${item.EntitySort}`)).toBe(true);
});

test('items DynamoDB never accepts fail the write after maxAttempts, with the count', async () => {
  let calls = 0;
  const stubborn: BatchWriteClient = {
    async send(command) {
      calls += 1;
      return { $metadata: {}, UnprocessedItems: command.input.RequestItems };
    },
  };
  const error = await batchPutAll(stubborn, table.tableName, items(10, 'stubborn'), {
    maxAttempts: 4,
    baseDelayMs: 1,
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UnprocessedItemsError);
  expect(error).toMatchObject({ unprocessed: 10, attempts: 4 });
  expect(calls).toBe(4);
});

test('no more than `concurrency` batches are in flight', async () => {
  let inFlight = 0;
  let peak = 0;
  const counting: BatchWriteClient = {
    async send(command) {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        return await table.doc.send(command);
      } finally {
        inFlight -= 1;
      }
    },
  };
  const result = await batchPutAll(counting, table.tableName, items(500, 'bounded'), {
    concurrency: 3,
  });
  expect(result).toMatchObject({ written: 500, batches: 20, retries: 0 });
  expect(peak).toBe(3);
});
