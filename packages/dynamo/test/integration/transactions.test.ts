import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  buildTaskItem,
  classifyCancellation,
  EmailTakenError,
  type GuardedWrite,
  isTransactionCanceled,
  NotFoundError,
  notFoundOrVersionConflict,
  TaskRepository,
  taskKey,
  transactWrite,
  VersionConflictError,
} from '@taskmgr/dynamo';
import { createTestTable, type TestTable } from '@taskmgr/test-support';
import { getRaw } from './support';

// The integration project's testTimeout is not applied per project; DynamoDB Local on a
// 2-core CI machine needs more than Jest's 5 s default for the bulk and concurrency cases.
jest.setTimeout(60_000);

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable('transactions');
  await new TaskRepository(table).create({ userId: 'u', taskId: 'existing', title: 'there' });
});
afterAll(() => table.destroy());

const newTaskPut = (taskId: string): GuardedWrite['write'] => ({
  Put: {
    TableName: table.tableName,
    Item: buildTaskItem({ userId: 'u', taskId, title: taskId }, new Date()),
    ConditionExpression: 'attribute_not_exists(EntityPartition)',
  },
});

const versionCheck = (taskId: string, version: number): GuardedWrite['write'] => ({
  ConditionCheck: {
    TableName: table.tableName,
    Key: taskKey('u', taskId),
    ConditionExpression: 'Version = :version',
    ExpressionAttributeValues: { ':version': version },
  },
});

test('a real cancellation maps through the mapper at the failing index, with the old item', async () => {
  const writes: GuardedWrite[] = [
    { write: newTaskPut('fresh-1'), onConditionFailed: () => new EmailTakenError() },
    { write: versionCheck('existing', 7), onConditionFailed: notFoundOrVersionConflict('task', 7) },
  ];
  const error = await transactWrite(table.doc, writes).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(VersionConflictError);
  // The actual version comes from the item DynamoDB returned with the cancellation.
  expect(error).toMatchObject({ entity: 'task', expected: 7, actual: 1 });
  expect(await getRaw(table, taskKey('u', 'fresh-1'))).toBeUndefined();
});

test('a check on a missing item maps to NotFound; a failing Put to its own error', async () => {
  await expect(
    transactWrite(table.doc, [
      {
        write: versionCheck('missing', 1),
        onConditionFailed: notFoundOrVersionConflict('task', 1),
      },
    ]),
  ).rejects.toBeInstanceOf(NotFoundError);
  await expect(
    transactWrite(table.doc, [
      { write: newTaskPut('fresh-2') },
      { write: newTaskPut('existing'), onConditionFailed: () => new EmailTakenError() },
    ]),
  ).rejects.toBeInstanceOf(EmailTakenError);
  expect(await getRaw(table, taskKey('u', 'fresh-2'))).toBeUndefined();
});

test('the raw TransactionCanceledException reasons are index-aligned with the items', async () => {
  const writes: GuardedWrite[] = [
    { write: newTaskPut('fresh-3') },
    { write: newTaskPut('existing'), onConditionFailed: () => new EmailTakenError() },
  ];
  const error = await table.doc
    .send(
      new TransactWriteCommand({
        TransactItems: writes.map(({ write }) => write),
      }),
    )
    .catch((e: unknown) => e);
  if (!isTransactionCanceled(error))
    throw new Error(`expected a cancellation, got ${String(error)}`);
  expect(error.CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'ConditionalCheckFailed']);
  const verdict = classifyCancellation(error, writes);
  expect(verdict).toMatchObject({ kind: 'condition-failed', index: 1 });
});

test('a successful transaction writes every item', async () => {
  await transactWrite(table.doc, [
    { write: newTaskPut('fresh-4') },
    { write: newTaskPut('fresh-5') },
  ]);
  expect(await getRaw(table, taskKey('u', 'fresh-4'))).toBeDefined();
  expect(await getRaw(table, taskKey('u', 'fresh-5'))).toBeDefined();
});
