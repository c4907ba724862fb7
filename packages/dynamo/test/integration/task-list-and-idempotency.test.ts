import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  batchPutAll,
  buildTaskItem,
  IdempotencyKeyReusedError,
  idempotencyRecordKey,
  newId,
  type TaskItem,
  TaskRepository,
  taskKey,
  taskListQueryInput,
  userPartition,
} from '@taskmgr/dynamo';
import { createTestTable, type TestTable } from '@taskmgr/test-support';
import { getRaw, ManualClock, settle } from './support';

jest.setTimeout(60_000);

let table: TestTable;
let tasks: TaskRepository;
const clock = new ManualClock('2030-07-01T12:00:00.000Z');

beforeAll(async () => {
  table = await createTestTable('task-list-idem');
  tasks = new TaskRepository({ ...table, now: clock.now });
});
afterAll(() => table.destroy());

describe('list: filters and read-ahead', () => {
  const owner = 'u-filters';
  let items: TaskItem[];

  beforeAll(async () => {
    // 60 tasks; only every 12th is completed, so a status filter thins pages a lot.
    items = Array.from({ length: 60 }, (_, i) => {
      const at = clock.advance(1_000);
      return buildTaskItem(
        {
          userId: owner,
          taskId: newId(at),
          title: `t${i}`,
          status: i % 12 === 5 ? 'completed' : 'pending',
          dueDate: new Date(Date.parse('2030-08-01T00:00:00.000Z') + i * 3_600_000).toISOString(),
        },
        at,
      );
    });
    await batchPutAll(table.doc, table.tableName, items);
  });

  test('a thin filter still fills each page, and the last page carries no key', async () => {
    const completed = items.filter((i) => i.Status === 'completed').map((i) => i.TaskId);
    expect(completed).toHaveLength(5);
    const first = await tasks.list(owner, {
      sort: 'createdAt',
      order: 'asc',
      status: 'completed',
      limit: 3,
    });
    expect(first.items.map((t) => t.taskId)).toEqual(completed.slice(0, 3));
    expect(first.lastKey).toBeDefined();
    const second = await tasks.list(owner, {
      sort: 'createdAt',
      order: 'asc',
      status: 'completed',
      limit: 3,
      startKey: first.lastKey,
    });
    expect(second.items.map((t) => t.taskId)).toEqual(completed.slice(3));
    expect(second.lastKey).toBeUndefined();
  });

  test('exactly `limit` matches left: a full page and no key (DynamoDB alone would give one)', async () => {
    const page = await tasks.list(owner, {
      sort: 'createdAt',
      order: 'asc',
      status: 'completed',
      limit: 5,
    });
    expect(page.items).toHaveLength(5);
    expect(page.lastKey).toBeUndefined();
    const all = await tasks.list(owner, { sort: 'updatedAt', order: 'desc', limit: 60 });
    expect(all.items).toHaveLength(60);
    expect(all.lastKey).toBeUndefined();
  });

  test('a due range on the due-date sort reads only the tasks in range', async () => {
    const input = {
      sort: 'dueDate' as const,
      order: 'asc' as const,
      dueAfter: '2030-08-01T10:00:00.000Z',
      dueBefore: '2030-08-01T20:00:00.000Z',
    };
    const page = await tasks.list(owner, { ...input, limit: 100 });
    expect(page.items.map((t) => t.dueDate)).toEqual(
      Array.from({ length: 10 }, (_, i) =>
        new Date(Date.parse(input.dueAfter) + i * 3_600_000).toISOString(),
      ),
    );
    // The key condition, not a filter, does the work: nothing outside the range is read.
    const output = await table.doc.send(
      new QueryCommand(taskListQueryInput(table.tableName, owner, input)),
    );
    expect(output.ScannedCount).toBe(10);
  });

  test('an inverted range is empty without a query error', async () => {
    const page = await tasks.list(owner, {
      sort: 'dueDate',
      order: 'asc',
      dueAfter: '2030-08-02T00:00:00.000Z',
      dueBefore: '2030-08-01T00:00:00.000Z',
      limit: 10,
    });
    expect(page).toEqual({ items: [] });
  });
});

describe('createOnce', () => {
  const owner = 'u-idem';
  const options = (idempotencyKey: string, requestHash: string) => ({
    idempotencyKey,
    requestHash,
    ttlSeconds: 86_400,
  });

  test('writes the task and its record together, in the user partition, with a TTL', async () => {
    const { task, replayed } = await tasks.createOnce(
      { userId: owner, taskId: newId(clock.now()), title: 'once' },
      options('k1', 'h1'),
    );
    expect(replayed).toBe(false);
    expect(await getRaw(table, taskKey(owner, task.taskId))).toBeDefined();
    const record = await getRaw(table, idempotencyRecordKey(owner, 'k1'));
    expect(record).toMatchObject({
      EntityPartition: userPartition(owner),
      EntityType: 'IDEMP',
      RequestHash: 'h1',
      TaskId: task.taskId,
      Response: task,
      NotificationExpiry: Math.floor(clock.now().getTime() / 1000) + 86_400,
    });
  });

  test('a replay returns the first task; another request with the key is refused', async () => {
    const first = await tasks.createOnce(
      { userId: owner, taskId: newId(clock.now()), title: 'first' },
      options('k2', 'h2'),
    );
    const replay = await tasks.createOnce(
      { userId: owner, taskId: newId(clock.now()), title: 'first' },
      options('k2', 'h2'),
    );
    expect(replay).toEqual({ task: first.task, replayed: true });
    await expect(
      tasks.createOnce(
        { userId: owner, taskId: newId(clock.now()), title: 'other' },
        options('k2', 'h3'),
      ),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  test('concurrent creates with one key: one task, the rest replay it', async () => {
    const { values, errors } = await settle(
      Array.from({ length: 6 }, () =>
        tasks.createOnce(
          { userId: owner, taskId: newId(clock.now()), title: 'raced' },
          options('k3', 'h'),
        ),
      ),
    );
    expect(errors).toEqual([]);
    expect(new Set(values.map((v) => v.task.taskId)).size).toBe(1);
    expect(values.filter((v) => !v.replayed)).toHaveLength(1);
  });

  test('an expired record counts as absent', async () => {
    const first = await tasks.createOnce(
      { userId: owner, taskId: newId(clock.now()), title: 'yearly' },
      options('k4', 'h'),
    );
    clock.advance(86_400_000);
    const second = await tasks.createOnce(
      { userId: owner, taskId: newId(clock.now()), title: 'yearly' },
      options('k4', 'h'),
    );
    expect(second.replayed).toBe(false);
    expect(second.task.taskId).not.toBe(first.task.taskId);
    expect(await getRaw(table, taskKey(owner, first.task.taskId))).toBeDefined();
  });
});
