import {
  emailGuardKey,
  NotificationRepository,
  notificationKey,
  ProfileRepository,
  profileKey,
  TaskRepository,
  taskKey,
} from '@taskmgr/dynamo';
import { createTestTable, type TestTable } from '@taskmgr/test-support';
import { getRaw, ManualClock } from './support';

// The integration project's testTimeout is not applied per project; DynamoDB Local on a
// 2-core CI machine needs more than Jest's 5 s default for the bulk and concurrency cases.
jest.setTimeout(60_000);

let table: TestTable;
const clock = new ManualClock('2030-03-01T10:00:00.000Z');
const at = '2030-03-01T10:00:00.000Z';

beforeAll(async () => {
  table = await createTestTable('key-shapes');
});
afterAll(() => table.destroy());

test('a profile is USER_<sub>/USER_<sub>, and its guard EMAIL_<normalised>/EMAIL_<normalised>', async () => {
  const profiles = new ProfileRepository({ ...table, now: clock.now });
  await profiles.create({
    userId: 'sub-1',
    email: '  Ada.Lovelace@Example.COM ',
    firstName: 'Ada',
    lastName: 'Lovelace',
    phoneNumber: '+15550001111',
  });
  expect(await getRaw(table, profileKey('sub-1'))).toEqual({
    EntityPartition: 'USER_sub-1',
    EntitySort: 'USER_sub-1',
    EntityType: 'USER',
    UserId: 'sub-1',
    Email: 'ada.lovelace@example.com',
    FirstName: 'Ada',
    LastName: 'Lovelace',
    PhoneNumber: '+15550001111',
    NotificationPreferences: { email: false, sms: false },
    CreatedAt: at,
    UpdatedAt: at,
    Version: 1,
  });
  // No Email attribute on the guard: EmailIndex must hold profiles only.
  expect(await getRaw(table, emailGuardKey('ada.lovelace@example.com'))).toEqual({
    EntityPartition: 'EMAIL_ada.lovelace@example.com',
    EntitySort: 'EMAIL_ada.lovelace@example.com',
    EntityType: 'EMAIL',
    UserId: 'sub-1',
    CreatedAt: at,
  });
});

test('a task is USER_<sub>/TASK_<id> with its index keys', async () => {
  const tasks = new TaskRepository({ ...table, now: clock.now });
  await tasks.create({
    userId: 'sub-1',
    taskId: '01J00000000000000000000001',
    title: 'Ship it',
    description: 'Before Friday',
    dueDate: '2030-03-02T09:30:00.000Z',
  });
  expect(await getRaw(table, taskKey('sub-1', '01J00000000000000000000001'))).toEqual({
    EntityPartition: 'USER_sub-1',
    EntitySort: 'TASK_01J00000000000000000000001',
    EntityType: 'TASK',
    TaskId: '01J00000000000000000000001',
    Title: 'Ship it',
    Description: 'Before Friday',
    Status: 'pending',
    DueDate: '2030-03-02T09:30:00.000Z',
    NotificationSent: false,
    DueDate_NotificationSent: '2030-03-02#false',
    TaskDueSort: '2030-03-02T09:30:00.000Z#01J00000000000000000000001',
    CreatedAt: at,
    TaskUpdatedAt: at,
    Version: 1,
  });
});

test('a notification is USER_<sub>/NOTIF_<id> with its index keys and TTL', async () => {
  const notifications = new NotificationRepository({ ...table, now: clock.now });
  await notifications.create({
    userId: 'sub-1',
    notificationId: '01J00000000000000000000002',
    kind: 'task_due',
    taskId: '01J00000000000000000000001',
    title: 'Ship it',
    message: 'Due tomorrow',
    ttlDays: 30,
  });
  expect(await getRaw(table, notificationKey('sub-1', '01J00000000000000000000002'))).toEqual({
    EntityPartition: 'USER_sub-1',
    EntitySort: 'NOTIF_01J00000000000000000000002',
    EntityType: 'NOTIF',
    NotificationId: '01J00000000000000000000002',
    Kind: 'task_due',
    TaskId: '01J00000000000000000000001',
    Title: 'Ship it',
    Message: 'Due tomorrow',
    NotificationTimestamp: at,
    Notif_isRead: false,
    Notif_UnreadAt: at,
    NotificationExpiry: Date.parse(at) / 1000 + 30 * 86_400,
    Version: 1,
  });
});
