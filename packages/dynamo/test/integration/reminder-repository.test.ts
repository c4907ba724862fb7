import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  ExpressionAttributes,
  newId,
  pendingReminderPartition,
  planTaskUpdate,
  type ReminderRef,
  ReminderRepository,
  type TaskItem,
  TaskRepository,
  taskKey,
  updateExpression,
} from '@taskmgr/dynamo';
import { createTestTable, type TestTable } from '@taskmgr/test-support';
import { getRaw, ManualClock } from './support';

let table: TestTable;
let tasks: TaskRepository;
let reminders: ReminderRepository;
const clock = new ManualClock('2030-07-01T12:00:00.000Z');
const userId = 'u-reminders';
const lease = { leaseMs: 60_000 };
const DUE = '2030-07-02T09:00:00.000Z';

beforeAll(async () => {
  table = await createTestTable('reminders');
  tasks = new TaskRepository({ ...table, now: clock.now });
  reminders = new ReminderRepository({ ...table, now: clock.now });
});
afterAll(() => table.destroy());

async function pendingTask(dueDate = DUE): Promise<ReminderRef> {
  const task = await tasks.create({ userId, taskId: newId(clock.now()), title: 'Pay', dueDate });
  return {
    userId,
    taskId: task.taskId,
    dueDate,
    reminderPartition: pendingReminderPartition(dueDate),
  };
}

const raw = async (ref: ReminderRef) =>
  (await getRaw(table, taskKey(ref.userId, ref.taskId))) as TaskItem | undefined;

describe('claiming a reminder', () => {
  test('exactly one of several concurrent claimers wins, and Version is untouched', async () => {
    const ref = await pendingTask();
    const claims = await Promise.all(
      ['a', 'b', 'c', 'd'].map((owner) => reminders.claim(ref, { owner, ...lease })),
    );
    const winners = claims.filter((claim) => claim !== undefined);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.task).toMatchObject({ taskId: ref.taskId, title: 'Pay', dueDate: DUE });
    const stored = await raw(ref);
    expect(stored?.Version).toBe(1);
    expect(stored?.ReminderLeaseUntil).toBe(clock.now().getTime() + lease.leaseMs);
  });

  test('an expired lease can be taken over; a live one cannot', async () => {
    const ref = await pendingTask();
    expect(await reminders.claim(ref, { owner: 'crashed', ...lease })).toBeDefined();
    expect(await reminders.claim(ref, { owner: 'next', ...lease })).toBeUndefined();
    clock.advance(lease.leaseMs + 1);
    expect(await reminders.claim(ref, { owner: 'next', ...lease })).toBeDefined();
    // The crashed owner coming back can no longer mark it sent.
    expect(await reminders.markSent(ref, 'crashed')).toBe(false);
    expect(await reminders.markSent(ref, 'next')).toBe(true);
  });

  test('a completed, re-dated, sent or deleted task is not claimed', async () => {
    const completed = await pendingTask();
    await tasks.update(userId, completed.taskId, { status: 'completed' });
    expect(await reminders.claim(completed, { owner: 'x', ...lease })).toBeUndefined();

    // Re-dated within the same day: the index partition matches, the due date does not.
    const sameDay = await pendingTask();
    await tasks.update(userId, sameDay.taskId, { dueDate: '2030-07-02T18:00:00.000Z' });
    expect(await reminders.claim(sameDay, { owner: 'x', ...lease })).toBeUndefined();

    const sent = await pendingTask();
    await reminders.claim(sent, { owner: 'x', ...lease });
    await reminders.markSent(sent, 'x');
    expect(await reminders.claim(sent, { owner: 'y', ...lease })).toBeUndefined();

    const deleted = await pendingTask();
    await tasks.delete(userId, deleted.taskId);
    expect(await reminders.claim(deleted, { owner: 'x', ...lease })).toBeUndefined();
    expect(await raw(deleted)).toBeUndefined();
  });
});

describe('marking sent and releasing', () => {
  test('mark-sent drops the sparse key and the lease and sets NotificationSent, not Version', async () => {
    const ref = await pendingTask();
    await reminders.claim(ref, { owner: 'w', ...lease });
    expect(await reminders.markSent(ref, 'w')).toBe(true);
    const stored = await raw(ref);
    expect(stored).toMatchObject({ NotificationSent: true, Version: 1 });
    expect(stored?.DueDate_NotificationSent).toBeUndefined();
    expect(stored?.ReminderLeaseOwner).toBeUndefined();
    expect(stored?.ReminderLeaseUntil).toBeUndefined();
  });

  test('a re-date between claim and mark-sent keeps the new reminder pending', async () => {
    const ref = await pendingTask();
    await reminders.claim(ref, { owner: 'slow', ...lease });
    const moved = '2030-07-02T20:00:00.000Z';
    const updated = await tasks.update(userId, ref.taskId, { dueDate: moved });
    // The lease does not block the user's edit, and the edit does not disturb the lease.
    expect(updated.version).toBe(2);

    expect(await reminders.markSent(ref, 'slow')).toBe(false);
    expect(await reminders.release(ref, 'slow')).toBe(true);
    const stored = await raw(ref);
    expect(stored).toMatchObject({
      DueDate: moved,
      NotificationSent: false,
      DueDate_NotificationSent: pendingReminderPartition(moved),
    });
    expect(stored?.ReminderLeaseOwner).toBeUndefined();
    const next = { ...ref, dueDate: moved };
    expect(await reminders.claim(next, { owner: 'next', ...lease })).toBeDefined();
  });

  test('a re-date whose read predates the mark-sent still re-arms the reminder', async () => {
    const ref = await pendingTask();
    // The user's update reads the task while the reminder is pending...
    const stale = (await raw(ref)) as TaskItem;
    // ...the scanner delivers and marks sent (no Version bump)...
    await reminders.claim(ref, { owner: 'w', ...lease });
    expect(await reminders.markSent(ref, 'w')).toBe(true);
    // ...then the update writes, conditioned on the Version it read, as TaskRepository does.
    const moved = '2030-07-02T21:00:00.000Z';
    const { plan } = planTaskUpdate(stale, { dueDate: moved }, clock.now());
    const attrs = new ExpressionAttributes();
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: taskKey(userId, ref.taskId),
        UpdateExpression: updateExpression(plan, attrs),
        ConditionExpression: `${attrs.name('Version')} = ${attrs.value(stale.Version)}`,
        ...attrs.toInput(),
      }),
    );
    expect(await raw(ref)).toMatchObject({
      DueDate: moved,
      NotificationSent: false,
      DueDate_NotificationSent: pendingReminderPartition(moved),
    });
  });

  test('release with a retry time keeps other scanners off until then', async () => {
    const ref = await pendingTask();
    await reminders.claim(ref, { owner: 'w', ...lease });
    const retryAt = new Date(clock.now().getTime() + 300_000);
    expect(await reminders.release(ref, 'w', retryAt)).toBe(true);
    expect(await reminders.release(ref, 'w')).toBe(false);
    expect(await reminders.claim(ref, { owner: 'v', ...lease })).toBeUndefined();
    clock.advance(300_001);
    expect(await reminders.claim(ref, { owner: 'v', ...lease })).toBeDefined();
  });
});
