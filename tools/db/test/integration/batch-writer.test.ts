import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { createDynamoClients } from '@taskmgr/dynamo';
import {
  type BatchWriteClient,
  createSeedData,
  drop,
  schemaLoad,
  UnprocessedItemsError,
  writeItems,
} from '../../src';
import { localConfig } from '../support';

const config = localConfig('db-batch');
const tableName = config.DYNAMODB_TABLE_NAME;
const { client, doc } = createDynamoClients(config);
beforeAll(() => schemaLoad(config));
afterAll(async () => {
  await drop(config);
  client.destroy();
});

const items = (n: number, seed: number) => [
  ...createSeedData({ size: { items: n }, seed, now: new Date() }).items(),
];

async function keysInTable(): Promise<Set<string>> {
  const keys = new Set<string>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    for (const item of page.Items ?? []) keys.add(`${item.EntityPartition}|${item.EntitySort}`);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return keys;
}

/**
 * Writes only part of each request to DynamoDB Local and hands the rest back as
 * UnprocessedItems, as DynamoDB does under throttling, for the first `flakyCalls` calls.
 */
function partlyUnprocessed(flakyCalls: number) {
  const calls: number[] = [];
  const wrapper: BatchWriteClient = {
    async send(command: BatchWriteCommand): Promise<BatchWriteCommandOutput> {
      const requests = command.input.RequestItems?.[tableName] ?? [];
      calls.push(requests.length);
      if (calls.length > flakyCalls || requests.length < 2) return doc.send(command);
      const keep = requests.slice(0, Math.ceil(requests.length / 2));
      const output = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: keep } }));
      return { ...output, UnprocessedItems: { [tableName]: requests.slice(keep.length) } };
    },
  };
  return { wrapper, calls };
}

test('UnprocessedItems are retried until every item is in the table', async () => {
  const batch = items(130, 1);
  const { wrapper, calls } = partlyUnprocessed(6);
  let progress = 0;
  const result = await writeItems({
    client: wrapper,
    tableName,
    items: batch,
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
  const error = await writeItems({
    client: stubborn,
    tableName,
    items: items(10, 2),
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
        return await doc.send(command);
      } finally {
        inFlight -= 1;
      }
    },
  };
  const result = await writeItems({
    client: counting,
    tableName,
    items: items(500, 3),
    concurrency: 3,
  });
  expect(result).toMatchObject({ written: 500, batches: 20, retries: 0 });
  expect(peak).toBe(3);
});
