import {
  NotificationDeliveryRepository,
  NotificationRepository,
  notificationKey,
} from '@taskmgr/dynamo';
import { createTestTable, type TestTable } from '@taskmgr/test-support';
import { getRaw, ManualClock } from './support';

let table: TestTable;
let deliveries: NotificationDeliveryRepository;
let inbox: NotificationRepository;
const clock = new ManualClock('2030-07-01T12:00:00.000Z');
const userId = 'u-deliveries';
const at = '2030-07-01T12:00:00.000Z';

beforeAll(async () => {
  table = await createTestTable('deliveries');
  deliveries = new NotificationDeliveryRepository({ ...table, now: clock.now });
  inbox = new NotificationRepository({ ...table, now: clock.now });
});
afterAll(() => table.destroy());

const input = (notificationId: string) => ({
  userId,
  notificationId,
  kind: 'task_completed' as const,
  taskId: 'T1',
  title: 'Ship',
  message: '"Ship" was completed.',
  ttlDays: 30,
  deliveries: { email: { Status: 'pending' as const, Attempts: 0, UpdatedAt: at } },
});

test('creates once per id; a replay gets the stored item and its recorded deliveries', async () => {
  const first = await deliveries.createOrGet(input('done-E1'));
  expect(first.created).toBe(true);
  expect(first.notification).toMatchObject({ notificationId: 'done-E1', read: false });

  expect(
    await deliveries.recordDelivery(userId, 'done-E1', 'email', {
      Status: 'delivered',
      Attempts: 1,
      MessageId: 'ses-1',
      DeliveredAt: at,
      UpdatedAt: at,
    }),
  ).toBe(true);

  clock.advance(1_000);
  const replay = await deliveries.createOrGet({ ...input('done-E1'), title: 'changed' });
  expect(replay.created).toBe(false);
  expect(replay.notification.title).toBe('Ship');
  expect(replay.deliveries.email).toMatchObject({ Status: 'delivered', MessageId: 'ses-1' });
  const listed = await inbox.list(userId, { limit: 10 });
  expect(listed.items.map((n) => n.notificationId)).toEqual(['done-E1']);
});

test('recording leaves Version and the read state alone, and fails on a deleted notification', async () => {
  await deliveries.createOrGet(input('done-E2'));
  await inbox.markRead(userId, 'done-E2');
  await deliveries.recordDelivery(userId, 'done-E2', 'email', {
    Status: 'failed',
    Attempts: 3,
    LastError: 'Throttling',
    UpdatedAt: at,
  });
  expect(await getRaw(table, notificationKey(userId, 'done-E2'))).toMatchObject({
    Version: 2,
    Notif_isRead: true,
    Deliveries: { email: { Status: 'failed', Attempts: 3, LastError: 'Throttling' } },
  });

  await inbox.delete(userId, 'done-E2');
  expect(
    await deliveries.recordDelivery(userId, 'done-E2', 'email', {
      Status: 'delivered',
      Attempts: 4,
      UpdatedAt: at,
    }),
  ).toBe(false);
  expect(await getRaw(table, notificationKey(userId, 'done-E2'))).toBeUndefined();
});
