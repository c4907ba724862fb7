import {
  newId,
  type OutboxItem,
  OutboxRepository,
  outboxShardOf,
  TaskRepository,
  VersionConflictError,
} from '@taskmgr/dynamo';
import { parseDomainEvent } from '@taskmgr/events';
import { createTestTable, type TestTable } from '@taskmgr/test-support';
import { ManualClock, scanAll } from './support';

let table: TestTable;
let tasks: TaskRepository;
let outbox: OutboxRepository;
const clock = new ManualClock('2030-07-01T12:00:00.000Z');

beforeAll(async () => {
  table = await createTestTable('outbox');
  tasks = new TaskRepository({ ...table, now: clock.now });
  outbox = new OutboxRepository({ ...table, now: clock.now });
});
afterAll(() => table.destroy());

async function outboxItems(): Promise<OutboxItem[]> {
  const items = await scanAll(table, {
    FilterExpression: 'EntityType = :outbox',
    ExpressionAttributeValues: { ':outbox': 'OUTBOX' },
  });
  return items as unknown as OutboxItem[];
}

async function eventsFor(taskId: string) {
  return (await outboxItems()).filter((item) => item.Payload.taskId === taskId);
}

async function newTask(userId: string) {
  return tasks.create({ userId, taskId: newId(clock.now()), title: 'Ship it' });
}

describe('completion events', () => {
  test('completing a task writes exactly one typed event in the user shard', async () => {
    const task = await newTask('user-complete');
    await tasks.update('user-complete', task.taskId, { status: 'completed' });

    const events = await eventsFor(task.taskId);
    expect(events).toHaveLength(1);
    const [item] = events;
    expect(item?.EntityPartition).toBe(`OUTBOX_${outboxShardOf('user-complete')}`);
    const event = parseDomainEvent(item?.Payload);
    expect(event).toMatchObject({
      type: 'task.completed',
      version: 1,
      userId: 'user-complete',
      taskId: task.taskId,
      title: 'Ship it',
      completedAt: clock.now().toISOString(),
    });
  });

  test('completing an already completed task, or editing it, adds no event', async () => {
    const task = await newTask('user-twice');
    await tasks.update('user-twice', task.taskId, { status: 'completed' });
    await tasks.update('user-twice', task.taskId, { status: 'completed' });
    await tasks.update('user-twice', task.taskId, { title: 'Renamed' });
    expect(await eventsFor(task.taskId)).toHaveLength(1);
  });

  test('reopening and completing again produces a second, distinct event', async () => {
    const task = await newTask('user-reopen');
    await tasks.update('user-reopen', task.taskId, { status: 'completed' });
    await tasks.update('user-reopen', task.taskId, { status: 'in_progress' });
    await tasks.update('user-reopen', task.taskId, { status: 'completed' });
    const events = await eventsFor(task.taskId);
    expect(events).toHaveLength(2);
    expect(new Set(events.map((e) => e.EventId)).size).toBe(2);
  });

  test('a completion that loses on version writes no event and changes nothing', async () => {
    const task = await newTask('user-stale');
    await tasks.update('user-stale', task.taskId, { title: 'v2' });
    await expect(
      tasks.update('user-stale', task.taskId, { status: 'completed' }, { expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    expect(await eventsFor(task.taskId)).toHaveLength(0);
    expect((await tasks.get('user-stale', task.taskId))?.status).toBe('pending');
  });

  test('ten concurrent completions of one task produce exactly one event', async () => {
    const task = await newTask('user-race');
    await Promise.all(
      Array.from({ length: 10 }, () =>
        tasks.update('user-race', task.taskId, { status: 'completed' }),
      ),
    );
    expect(await eventsFor(task.taskId)).toHaveLength(1);
  });
});

describe('consuming the outbox', () => {
  async function pendingEventFor(userId: string) {
    const task = await newTask(userId);
    await tasks.update(userId, task.taskId, { status: 'completed' });
    const [item] = await eventsFor(task.taskId);
    if (!item) throw new Error('no event written');
    return item;
  }

  test('only one of several concurrent claimers gets the lease', async () => {
    const item = await pendingEventFor('user-claim');
    const claims = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((owner) => outbox.claim(item, { owner, leaseMs: 30_000 })),
    );
    const winners = claims.filter((c) => c !== undefined);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.Attempts).toBe(1);
  });

  test('a claimed event is not listed until its lease expires, then another replica takes it', async () => {
    const item = await pendingEventFor('user-lease');
    const shard = outboxShardOf('user-lease');
    expect(await outbox.claim(item, { owner: 'crashed', leaseMs: 30_000 })).toBeDefined();
    expect((await outbox.listAvailable(shard, 100)).map((i) => i.EventId)).not.toContain(
      item.EventId,
    );

    clock.advance(30_001);
    expect((await outbox.listAvailable(shard, 100)).map((i) => i.EventId)).toContain(item.EventId);
    const retaken = await outbox.claim(item, { owner: 'healthy', leaseMs: 30_000 });
    expect(retaken?.LeaseOwner).toBe('healthy');
    expect(retaken?.Attempts).toBe(2);

    // The crashed owner coming back cannot complete what it no longer holds.
    expect(await outbox.complete(item, 'crashed')).toBe(false);
    expect(await outbox.complete(item, 'healthy')).toBe(true);
    expect(await eventsFor(item.Payload.taskId)).toHaveLength(0);
  });

  test('a released event waits for its retry time; a dead-lettered one is never listed again', async () => {
    const item = await pendingEventFor('user-retry');
    const shard = outboxShardOf('user-retry');
    await outbox.claim(item, { owner: 'worker', leaseMs: 30_000 });
    const retryAt = new Date(clock.now().getTime() + 5_000);
    expect(await outbox.release(item, 'worker', retryAt, 'SNS down')).toBe(true);

    const listed = async () => (await outbox.listAvailable(shard, 100)).map((i) => i.EventId);
    expect(await listed()).not.toContain(item.EventId);
    clock.advance(5_001);
    expect(await listed()).toContain(item.EventId);

    await outbox.claim(item, { owner: 'worker', leaseMs: 30_000 });
    expect(await outbox.deadLetter(item, 'worker', 'gave up')).toBe(true);
    clock.advance(60_000);
    expect(await listed()).not.toContain(item.EventId);
    expect(await outbox.claim(item, { owner: 'other', leaseMs: 30_000 })).toBeUndefined();
    const [parked] = await eventsFor(item.Payload.taskId);
    expect(parked?.LastError).toBe('gave up');
  });
});
