import {
  AlreadyExistsError,
  batchPutAll,
  buildTaskItem,
  CursorCodec,
  type CursorQuery,
  InvalidCursorError,
  NotFoundError,
  newId,
  type Task,
  type TaskPatch,
  TaskRepository,
  type TaskSort,
  taskKey,
  VersionConflictError,
} from '@taskmgr/dynamo';
import { createTestTable, type TestTable } from '@taskmgr/test-support';
import { getRaw, ManualClock, settle } from './support';

// The integration project's testTimeout is not applied per project; DynamoDB Local on a
// 2-core CI machine needs more than Jest's 5 s default for the bulk and concurrency cases.
jest.setTimeout(60_000);

let table: TestTable;
let tasks: TaskRepository;
const clock = new ManualClock('2030-07-01T12:00:00.000Z');
const TOMORROW = '2030-07-02T09:00:00.000Z';
const NEXT_WEEK = '2030-07-08T09:00:00.000Z';

beforeAll(async () => {
  table = await createTestTable('tasks');
  tasks = new TaskRepository({ ...table, now: clock.now });
});
afterAll(() => table.destroy());

async function createTask(userId: string, fields: { dueDate?: string; title?: string } = {}) {
  return tasks.create({
    userId,
    taskId: newId(clock.now()),
    title: fields.title ?? 'task',
    ...fields,
  });
}

describe('create, get, delete', () => {
  test('a replayed create is AlreadyExists and does not overwrite', async () => {
    const task = await tasks.create({ userId: 'u-create', taskId: 'fixed-id', title: 'first' });
    await expect(
      tasks.create({ userId: 'u-create', taskId: 'fixed-id', title: 'second' }),
    ).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(await tasks.get('u-create', 'fixed-id')).toEqual(task);
  });

  test("another user's task id reads as missing", async () => {
    const task = await createTask('owner');
    expect(await tasks.get('intruder', task.taskId)).toBeUndefined();
    await expect(tasks.update('intruder', task.taskId, { title: 'x' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(tasks.delete('intruder', task.taskId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await tasks.get('owner', task.taskId)).toEqual(task);
  });

  test('delete honours expectedVersion and reports a missing task', async () => {
    const task = await createTask('deleter');
    await tasks.update('deleter', task.taskId, { title: 'v2' });
    await expect(
      tasks.delete('deleter', task.taskId, { expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT', expected: 1, actual: 2 });
    expect(await tasks.get('deleter', task.taskId)).toBeDefined();
    await tasks.delete('deleter', task.taskId, { expectedVersion: 2 });
    expect(await getRaw(table, taskKey('deleter', task.taskId))).toBeUndefined();
    await expect(tasks.delete('deleter', task.taskId)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('update', () => {
  test('applies the patch, sets TaskUpdatedAt and increments Version', async () => {
    const task = await createTask('u-update', { dueDate: TOMORROW });
    clock.advance(60_000);
    const updated = await tasks.update('u-update', task.taskId, {
      title: 'new title',
      description: 'details',
      status: 'in_progress',
    });
    expect(updated).toEqual({
      ...task,
      title: 'new title',
      description: 'details',
      status: 'in_progress',
      updatedAt: clock.now().toISOString(),
      version: 2,
    });
    expect(await tasks.get('u-update', task.taskId)).toEqual(updated);
  });

  test('completing sets completedAt, reopening clears it', async () => {
    const task = await createTask('u-update');
    clock.advance(1_000);
    const done = await tasks.update('u-update', task.taskId, { status: 'completed' });
    expect(done.completedAt).toBe(clock.now().toISOString());
    const reopened = await tasks.update('u-update', task.taskId, { status: 'pending' });
    expect(reopened.completedAt).toBeNull();
    expect(await getRaw(table, taskKey('u-update', task.taskId))).not.toHaveProperty(
      'TaskCompletedAt',
    );
  });

  test('a stale expectedVersion is a VersionConflictError and leaves the item unchanged', async () => {
    const task = await createTask('u-stale');
    await tasks.update('u-stale', task.taskId, { title: 'v2' });
    const before = await getRaw(table, taskKey('u-stale', task.taskId));
    const error = await tasks
      .update('u-stale', task.taskId, { title: 'lost' }, { expectedVersion: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ expected: 1, actual: 2 });
    expect(await getRaw(table, taskKey('u-stale', task.taskId))).toEqual(before);
    const fresh = await tasks.update(
      'u-stale',
      task.taskId,
      { title: 'v3' },
      { expectedVersion: 2 },
    );
    expect(fresh).toMatchObject({ title: 'v3', version: 3 });
  });

  test('10 concurrent updates without expectedVersion are all applied, none lost', async () => {
    const task = await createTask('u-race', { dueDate: TOMORROW });
    const patches: TaskPatch[] = [
      { title: 'title-1' },
      { description: 'description-1' },
      { status: 'in_progress' },
      { dueDate: NEXT_WEEK },
      { title: 'title-2' },
      { description: 'description-2' },
      { title: 'title-3' },
      { description: 'description-3' },
      { title: 'title-4' },
      { description: 'description-4' },
    ];
    // Generous attempts: this asserts that no update is lost, not how the retry is tuned.
    const racing = new TaskRepository({ ...table, now: clock.now, updateAttempts: 20 });
    const { values, errors } = await settle(
      patches.map((patch) => racing.update('u-race', task.taskId, patch)),
    );
    expect(errors).toEqual([]);
    // Each write saw the previous one: versions 2..11, one each.
    const versions = values.map((v) => v.version).sort((a, b) => a - b);
    expect(versions).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // For every field, the stored value is the one the last writer of that field wrote.
    const lastWriterOf = (field: keyof Task) => {
      const writes = values
        .map((result, i) => ({ version: result.version, patch: patches[i] ?? {} }))
        .filter(({ patch }) => field in patch)
        .sort((a, b) => b.version - a.version);
      return writes[0]?.patch;
    };
    const stored = await tasks.get('u-race', task.taskId);
    expect(stored).toMatchObject({
      version: 11,
      status: 'in_progress',
      dueDate: NEXT_WEEK,
      title: lastWriterOf('title')?.title,
      description: lastWriterOf('description')?.description,
    });
  });
});

describe('reminder key', () => {
  const reminderOf = async (taskId: string) =>
    (await getRaw(table, taskKey('u-remind', taskId)))?.DueDate_NotificationSent;

  test('a changed due date re-arms a sent reminder; completing disarms; reopening re-arms', async () => {
    const task = await createTask('u-remind', { dueDate: TOMORROW });
    expect(await reminderOf(task.taskId)).toBe('2030-07-02#false');

    // As the reminder job leaves a delivered task.
    await batchPutAll(table.doc, table.tableName, [
      {
        ...(await getRaw(table, taskKey('u-remind', task.taskId))),
        NotificationSent: true,
        DueDate_NotificationSent: undefined,
      },
    ]);
    await tasks.update('u-remind', task.taskId, { title: 'unrelated' });
    expect(await reminderOf(task.taskId)).toBeUndefined();

    await tasks.update('u-remind', task.taskId, { dueDate: NEXT_WEEK });
    expect(await getRaw(table, taskKey('u-remind', task.taskId))).toMatchObject({
      NotificationSent: false,
      DueDate_NotificationSent: '2030-07-08#false',
      TaskDueSort: `${NEXT_WEEK}#${task.taskId}`,
    });

    await tasks.update('u-remind', task.taskId, { status: 'completed' });
    expect(await reminderOf(task.taskId)).toBeUndefined();
    await tasks.update('u-remind', task.taskId, { status: 'in_progress' });
    expect(await reminderOf(task.taskId)).toBe('2030-07-08#false');
  });

  test('moving the due date into the past or clearing it removes the key', async () => {
    const past = await createTask('u-remind', { dueDate: TOMORROW });
    await tasks.update('u-remind', past.taskId, { dueDate: '2030-06-30T09:00:00.000Z' });
    expect(await reminderOf(past.taskId)).toBeUndefined();
    const cleared = await createTask('u-remind', { dueDate: TOMORROW });
    const updated = await tasks.update('u-remind', cleared.taskId, { dueDate: null });
    expect(updated.dueDate).toBeNull();
    expect(await reminderOf(cleared.taskId)).toBeUndefined();
  });
});

describe('listing with cursors', () => {
  const owner = 'u-pages';
  const codec = new CursorCodec({ secret: 'integration-test-cursor-secret-0123456789' });
  const created: string[] = [];

  beforeAll(async () => {
    const items = Array.from({ length: 23 }, (_, i) => {
      clock.advance(1_000);
      const taskId = newId(clock.now());
      created.push(taskId);
      const dueDate =
        i % 4 === 0
          ? undefined
          : new Date(Date.parse(NEXT_WEEK) + (i % 5) * 3_600_000).toISOString();
      return buildTaskItem({ userId: owner, taskId, title: `task ${i}`, dueDate }, clock.now());
    });
    await batchPutAll(table.doc, table.tableName, items);
    await createTask('someone-else');
  });

  test.each<[TaskSort, 'asc' | 'desc']>([
    ['createdAt', 'desc'],
    ['updatedAt', 'asc'],
    ['dueDate', 'asc'],
    ['dueDate', 'desc'],
  ])('sort=%s order=%s pages through every task exactly once', async (sort, order) => {
    const query: CursorQuery = { sort, order };
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | undefined;
    do {
      const startKey = cursor ? codec.decode(cursor, { userId: owner, query }) : undefined;
      const page = await tasks.list(owner, { sort, order, limit: 5, startKey });
      seen.push(...page.items.map((t) => t.taskId));
      pageSizes.push(page.items.length);
      cursor = page.lastKey
        ? codec.encode({ userId: owner, query, lastKey: page.lastKey })
        : undefined;
    } while (cursor);
    expect(seen.slice().sort()).toEqual(created.slice().sort());
    expect(new Set(seen).size).toBe(23);
    expect(pageSizes.slice(0, 4)).toEqual([5, 5, 5, 5]);
    const unpaged = await tasks.list(owner, { sort, order, limit: 100 });
    expect(seen).toEqual(unpaged.items.map((t) => t.taskId));
  });

  test("another user's cursor is refused, by the codec and by the repository", async () => {
    const query: CursorQuery = { sort: 'createdAt', order: 'desc' };
    const first = await tasks.list(owner, { ...query, sort: 'createdAt', order: 'desc', limit: 5 });
    if (!first.lastKey) throw new Error('expected a second page');
    const cursor = codec.encode({ userId: owner, query, lastKey: first.lastKey });
    expect(() => codec.decode(cursor, { userId: 'intruder', query })).toThrow(
      expect.objectContaining({ reason: 'foreign-user' }),
    );
    // Even a start key that escaped the codec cannot read across partitions.
    await expect(
      tasks.list('intruder', {
        sort: 'createdAt',
        order: 'desc',
        limit: 5,
        startKey: first.lastKey,
      }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
    // Nor can a key of one sort order be used with another.
    await expect(
      tasks.list(owner, { sort: 'dueDate', order: 'desc', limit: 5, startKey: first.lastKey }),
    ).rejects.toMatchObject({ reason: 'query-mismatch' });
  });
});
