import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  batchPutAll,
  buildNotificationItem,
  buildTaskItem,
  emailGuardKey,
  NotificationRepository,
  newId,
  ProfileRepository,
  profileKey,
  TaskRepository,
} from '@taskmgr/dynamo';
import { createTestTable, type TestTable } from '@taskmgr/test-support';
import { getRaw, queryUserPartition } from './support';

// The integration project's testTimeout is not applied per project; DynamoDB Local on a
// 2-core CI machine needs more than Jest's 5 s default for the bulk and concurrency cases.
jest.setTimeout(60_000);

let table: TestTable;
let profiles: ProfileRepository;

beforeAll(async () => {
  table = await createTestTable('delete-user');
  profiles = new ProfileRepository(table);
});
afterAll(() => table.destroy());

async function partitionItems(userId: string) {
  const output = await queryUserPartition(table, userId, { ConsistentRead: true });
  return output.Items ?? [];
}

/** A registered user with `tasks` tasks and `notifications` notifications. */
async function seedUser(userId: string, email: string, tasks: number, notifications: number) {
  await profiles.create({ userId, email, firstName: 'F', lastName: 'L' });
  const now = new Date();
  await batchPutAll(table.doc, table.tableName, [
    ...Array.from({ length: tasks }, (_, i) =>
      buildTaskItem({ userId, taskId: newId(now), title: `t${i}` }, now),
    ),
    ...Array.from({ length: notifications }, (_, i) =>
      buildNotificationItem(
        {
          userId,
          notificationId: newId(now),
          kind: 'task_due',
          taskId: 't',
          title: `n${i}`,
          message: 'm',
          ttlDays: 7,
        },
        now,
      ),
    ),
  ]);
}

test('removes every item of the user, the guard and the profile, and nothing of anyone else', async () => {
  await seedUser('leaver', 'leaver@example.com', 60, 33);
  await seedUser('stayer', 'stayer@example.com', 3, 2);
  expect(await partitionItems('leaver')).toHaveLength(94);

  expect(await profiles.deleteUserData('leaver')).toEqual({
    deletedItems: 93,
    emailGuardDeleted: true,
    profileDeleted: true,
  });
  expect(await partitionItems('leaver')).toEqual([]);
  expect(await getRaw(table, emailGuardKey('leaver@example.com'))).toBeUndefined();
  expect(await partitionItems('stayer')).toHaveLength(6);
  expect(await getRaw(table, emailGuardKey('stayer@example.com'))).toBeDefined();

  // The address is free again.
  await profiles.create({
    userId: 'newcomer',
    email: 'LEAVER@example.com',
    firstName: 'N',
    lastName: 'C',
  });
  expect(await profiles.findUserIdByEmail('leaver@example.com')).toBe('newcomer');
});

test('a re-run after an interruption finishes the job', async () => {
  await seedUser('interrupted', 'interrupted@example.com', 10, 5);
  const tasks = new TaskRepository(table);
  const notifications = new NotificationRepository(table);
  // As if a first run had deleted part of the partition and then died.
  const firstTask = (await tasks.list('interrupted', { sort: 'createdAt', order: 'asc', limit: 3 }))
    .items;
  for (const task of firstTask) await tasks.delete('interrupted', task.taskId);
  expect(await notifications.countUnread('interrupted')).toBe(5);

  expect(await profiles.deleteUserData('interrupted')).toEqual({
    deletedItems: 12,
    emailGuardDeleted: true,
    profileDeleted: true,
  });
  // A run that died after the guard but before the profile: only the profile is left.
  await seedUser('late-death', 'late-death@example.com', 0, 0);
  await table.doc.send(
    new DeleteCommand({ TableName: table.tableName, Key: emailGuardKey('late-death@example.com') }),
  );
  expect(await profiles.deleteUserData('late-death')).toEqual({
    deletedItems: 0,
    emailGuardDeleted: false,
    profileDeleted: true,
  });
  expect(await partitionItems('late-death')).toEqual([]);
  // Nothing left: a further run is a harmless no-op.
  expect(await profiles.deleteUserData('late-death')).toEqual({
    deletedItems: 0,
    emailGuardDeleted: false,
    profileDeleted: false,
  });
});

test('a guard that belongs to someone else is left alone', async () => {
  await seedUser('former', 'shared@example.com', 0, 0);
  // Simulates a guard that has since been taken over by another account.
  await table.doc.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        ...emailGuardKey('shared@example.com'),
        EntityType: 'EMAIL',
        UserId: 'successor',
        CreatedAt: new Date().toISOString(),
      },
    }),
  );
  expect(await profiles.deleteUserData('former')).toMatchObject({
    emailGuardDeleted: false,
    profileDeleted: true,
  });
  expect(await getRaw(table, emailGuardKey('shared@example.com'))).toMatchObject({
    UserId: 'successor',
  });
  expect(await getRaw(table, profileKey('former'))).toBeUndefined();
});
