import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  IndexName,
  NotificationRepository,
  newId,
  ProfileRepository,
  TaskRepository,
  type TaskSort,
  taskKey,
} from '@taskmgr/dynamo';
import { createTestTable, type TestTable } from '@taskmgr/test-support';
import { ManualClock, queryUserPartition, scanAll } from './support';

// The integration project's testTimeout is not applied per project; DynamoDB Local on a
// 2-core CI machine needs more than Jest's 5 s default for the bulk and concurrency cases.
jest.setTimeout(60_000);

let table: TestTable;
const clock = new ManualClock('2030-04-01T08:00:00.000Z');
const MINUTE = 60_000;

beforeAll(async () => {
  table = await createTestTable('indexes');
});
afterAll(() => table.destroy());

describe('EmailIndex', () => {
  test('finds the user by email in any case and holds profiles only, never guards', async () => {
    const profiles = new ProfileRepository({ ...table, now: clock.now });
    await profiles.create({
      userId: 'email-a',
      email: 'grace@example.com',
      firstName: 'G',
      lastName: 'H',
    });
    await profiles.create({
      userId: 'email-b',
      email: 'alan@example.com',
      firstName: 'A',
      lastName: 'T',
    });
    expect(await profiles.findUserIdByEmail(' GRACE@example.com')).toBe('email-a');
    expect(await profiles.findUserIdByEmail('alan@example.com')).toBe('email-b');
    expect(await profiles.findUserIdByEmail('nobody@example.com')).toBeUndefined();
    const indexed = await scanAll(table, { IndexName: IndexName.email });
    expect(indexed.map((item) => item.EntityType)).toEqual(['USER', 'USER']);
  });
});

describe('NotificationSentIndex', () => {
  const userId = 'reminders';
  const day1 = '2030-04-02';
  const day2 = '2030-04-03';

  test('holds only pending reminders, and the due-scan returns them with their user', async () => {
    const tasks = new TaskRepository({ ...table, now: clock.now });
    const create = (taskId: string, fields: { dueDate?: string; status?: 'completed' }) =>
      tasks.create({ userId, taskId, title: taskId, ...fields });
    await create('pending-day1', { dueDate: `${day1}T09:00:00.000Z` });
    await create('pending-day2', { dueDate: `${day2}T07:00:00.000Z` });
    await create('pending-late-day2', { dueDate: `${day2}T20:00:00.000Z` });
    await create('completed-at-create', { dueDate: `${day1}T10:00:00.000Z`, status: 'completed' });
    await create('completed-later', { dueDate: `${day1}T11:00:00.000Z` });
    await tasks.update(userId, 'completed-later', { status: 'completed' });
    await create('undated', {});
    await create('past-due', { dueDate: '2030-03-31T09:00:00.000Z' });
    await create('already-sent', { dueDate: `${day1}T12:00:00.000Z` });
    // What the reminder job does once it delivered: mark sent, drop the sparse key.
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: taskKey(userId, 'already-sent'),
        UpdateExpression: 'SET NotificationSent = :true REMOVE DueDate_NotificationSent',
        ExpressionAttributeValues: { ':true': true },
      }),
    );
    // An unrelated edit must not re-arm a sent reminder.
    await tasks.update(userId, 'already-sent', { title: 'renamed' });

    const indexed = await scanAll(table, { IndexName: IndexName.notificationSent });
    expect(indexed.map((item) => item.TaskId).sort()).toEqual([
      'pending-day1',
      'pending-day2',
      'pending-late-day2',
    ]);

    const due = await tasks.queryPendingReminders({
      dayPartitions: [`${day1}#false`, `${day2}#false`],
      dueBefore: `${day2}T08:00:00.000Z`,
    });
    expect(due.map((r) => [r.userId, r.task.taskId, r.reminderPartition])).toEqual([
      [userId, 'pending-day1', `${day1}#false`],
      [userId, 'pending-day2', `${day2}#false`],
    ]);
  });
});

describe('task listing indexes', () => {
  const userId = 'lister';
  let tasks: TaskRepository;
  const ids: string[] = [];

  beforeAll(async () => {
    tasks = new TaskRepository({ ...table, now: clock.now });
    const dueDates = [
      '2030-05-03T00:00:00.000Z',
      undefined,
      '2030-05-01T00:00:00.000Z',
      undefined,
      '2030-05-02T00:00:00.000Z',
    ];
    for (const dueDate of dueDates) {
      clock.advance(MINUTE);
      const taskId = newId(clock.now());
      ids.push(taskId);
      await tasks.create({ userId, taskId, title: `t${ids.length}`, dueDate });
    }
    // Someone else's task must never show up.
    await tasks.create({ userId: 'other-lister', taskId: newId(clock.now()), title: 'x' });
    clock.advance(MINUTE);
    await tasks.update(userId, ids[0] ?? '', { title: 'touched last' });
  });

  const titles = async (sort: TaskSort, order: 'asc' | 'desc') =>
    (await tasks.list(userId, { sort, order, limit: 50 })).items.map((t) => t.title);

  test('createdAt reads the table by TASK_<ulid>, which is creation order', async () => {
    expect(await titles('createdAt', 'asc')).toEqual(['touched last', 't2', 't3', 't4', 't5']);
    expect(await titles('createdAt', 'desc')).toEqual(['t5', 't4', 't3', 't2', 'touched last']);
  });

  test('UpdatedAtIndex orders by last update', async () => {
    expect(await titles('updatedAt', 'asc')).toEqual(['t2', 't3', 't4', 't5', 'touched last']);
    expect(await titles('updatedAt', 'desc')).toEqual(['touched last', 't5', 't4', 't3', 't2']);
  });

  test('TaskDueIndex orders by due date with undated tasks last', async () => {
    expect(await titles('dueDate', 'asc')).toEqual(['t3', 't5', 'touched last', 't2', 't4']);
  });

  test('the LSIs hold tasks only: the profile and notifications in the partition stay out', async () => {
    await new ProfileRepository({ ...table, now: clock.now }).create({
      userId,
      email: 'lister@example.com',
      firstName: 'L',
      lastName: 'S',
    });
    await new NotificationRepository({ ...table, now: clock.now }).create({
      userId,
      notificationId: newId(clock.now()),
      kind: 'task_due',
      taskId: ids[0] ?? '',
      title: 't',
      message: 'm',
      ttlDays: 7,
    });
    for (const indexName of [IndexName.updatedAt, IndexName.taskDue]) {
      const output = await queryUserPartition(table, userId, { IndexName: indexName });
      expect(output.Items?.map((item) => item.EntityType)).toEqual(Array(5).fill('TASK'));
    }
    expect(await titles('createdAt', 'asc')).toHaveLength(5);
  });
});

describe('notification indexes', () => {
  const userId = 'inbox';

  test('NotificationTimestampIndex lists newest first; UnreadNotificationIndex holds only unread', async () => {
    const notifications = new NotificationRepository({ ...table, now: clock.now });
    const ids: string[] = [];
    for (let i = 1; i <= 4; i++) {
      clock.advance(MINUTE);
      const notificationId = newId(clock.now());
      ids.push(notificationId);
      await notifications.create({
        userId,
        notificationId,
        kind: 'task_completed',
        taskId: 't',
        title: `n${i}`,
        message: 'done',
        ttlDays: 7,
      });
    }
    await notifications.markRead(userId, ids[1] ?? '');
    await notifications.markRead(userId, ids[3] ?? '');

    const all = await notifications.list(userId, { limit: 10 });
    expect(all.items.map((n) => [n.title, n.read])).toEqual([
      ['n4', true],
      ['n3', false],
      ['n2', true],
      ['n1', false],
    ]);
    const unreadIndex = await queryUserPartition(table, userId, {
      IndexName: IndexName.unreadNotification,
    });
    expect(unreadIndex.Items?.map((item) => item.Title).sort()).toEqual(['n1', 'n3']);
    const unread = await notifications.list(userId, { limit: 10, unreadOnly: true });
    expect(unread.items.map((n) => n.title)).toEqual(['n3', 'n1']);
    expect(await notifications.countUnread(userId)).toBe(2);
  });
});
