import { batchPutAll, type ProfileItem } from '@taskmgr/dynamo';
import { countItems, createSeedData, formatItems, listItems, readItems } from '../../src';
import { useLoadedTable } from '../support';

const { doc, tableName } = useLoadedTable('db-scan');
const now = new Date();
const seeded = [
  ...createSeedData({
    size: { users: 3, tasksPerUser: 7, notificationsPerUser: 4 },
    seed: 5,
    now,
  }).items(),
];
const user = seeded.find((i): i is ProfileItem => i.EntityType === 'USER');

beforeAll(() => batchPutAll(doc, tableName, seeded));

const typesOf = (items: { EntityType?: unknown }[]) => new Set(items.map((i) => i.EntityType));

test.each([
  ['user', 'USER', 3],
  ['email', 'EMAIL', 3],
  ['task', 'TASK', 21],
  ['notification', 'NOTIF', 12],
] as const)('--type %s returns only %s items, all of them', async (type, entity, count) => {
  const { items, truncated } = await listItems(doc, tableName, { type }, 100);
  expect(truncated).toBe(false);
  expect(items).toHaveLength(count);
  expect(typesOf(items)).toEqual(new Set([entity]));
});

test('--user returns that user, their guard, tasks and notifications only', async () => {
  const userId = user?.UserId ?? '';
  const { items } = await listItems(doc, tableName, { userId }, 100);
  expect(items).toHaveLength(1 + 1 + 7 + 4);
  expect(items.every((i) => i.UserId === userId || i.EntityPartition === `USER_${userId}`)).toBe(
    true,
  );
  const tasks = await listItems(doc, tableName, { userId, type: 'task' }, 100);
  expect(tasks.items).toHaveLength(7);
  const guard = await listItems(doc, tableName, { userId, type: 'email' }, 100);
  expect(guard.items.map((i) => i.UserId)).toEqual([userId]);
});

test('--limit cuts the listing and says so', async () => {
  const { items, truncated } = await listItems(doc, tableName, {}, 10);
  expect(items).toHaveLength(10);
  expect(truncated).toBe(true);
  const text = formatItems(items, now);
  expect(text.split('\n')).toHaveLength(11);
});

test('the Scan pages through the whole table', async () => {
  const keys = new Set<string>();
  // Tiny pages force many round trips through LastEvaluatedKey.
  const pages = readItems(
    doc,
    tableName,
    {},
    { attributes: ['EntityPartition', 'EntitySort'], pageSize: 4 },
  );
  for await (const item of pages) keys.add(`${item.EntityPartition}|${item.EntitySort}`);
  expect(keys.size).toBe(seeded.length);
  const typed = readItems(doc, tableName, { type: 'task' }, { pageSize: 4 });
  let tasks = 0;
  for await (const _ of typed) tasks += 1;
  expect(tasks).toBe(21);
});

test('--count counts by type, in parallel segments or for one user', async () => {
  const all = await countItems(doc, tableName, {}, now);
  expect(all).toMatchObject({
    byType: { USER: 3, EMAIL: 3, TASK: 21, NOTIF: 12 },
    total: seeded.length,
  });
  const tasks = await countItems(doc, tableName, { type: 'task' }, now);
  expect(tasks.total).toBe(21);
  const one = await countItems(doc, tableName, { userId: user?.UserId }, now);
  expect(one.total).toBe(13);
});
