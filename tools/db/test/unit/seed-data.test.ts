import {
  emailGuardKey,
  entityTypeOf,
  notificationKey,
  profileKey,
  reminderPartitionFor,
  taskDueSortKey,
  taskKey,
  userIdFromPartition,
} from '@taskmgr/dynamo';
import { decodeTime, isValid } from 'ulid';
import {
  createRandom,
  createSeedData,
  emptyStats,
  NOTIFICATION_TTL_DAYS,
  planSeed,
  type SeedItem,
  type SeedSize,
  tallyItem,
} from '../../src';

const now = new Date('2026-03-14T09:26:53.000Z');
const generate = (size: SeedSize, seed = 7) => [...createSeedData({ size, seed, now }).items()];

describe('determinism', () => {
  test('the same seed and now give identical items', () => {
    const size = { users: 4, tasksPerUser: 12, notificationsPerUser: 5 };
    expect(generate(size, 99)).toEqual(generate(size, 99));
  });

  test('another seed gives other data', () => {
    const size = { items: 300 };
    const a = generate(size, 1);
    const b = generate(size, 2);
    expect(a).toHaveLength(300);
    expect(b).toHaveLength(300);
    expect(a.map((i) => i.EntitySort)).not.toEqual(b.map((i) => i.EntitySort));
  });

  test('the PRNG repeats itself for a seed', () => {
    const a = createRandom(5);
    const b = createRandom(5);
    const draws = (r: typeof a) => Array.from({ length: 20 }, () => r.next());
    expect(draws(a)).toEqual(draws(b));
    expect(createRandom(5).uuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('size', () => {
  test.each([2, 3, 29, 30, 31, 77, 1_000, 10_000])('--items %i gives exactly that many', (n) => {
    const data = createSeedData({ size: { items: n }, seed: 3, now });
    expect(data.plan.total).toBe(n);
    expect([...data.items()]).toHaveLength(n);
  });

  test('per-user sizes are exact', () => {
    const items = generate({ users: 3, tasksPerUser: 4, notificationsPerUser: 2 });
    const stats = emptyStats();
    for (const item of items) tallyItem(stats, item, now);
    expect(stats.byType).toEqual({ USER: 3, EMAIL: 3, TASK: 12, NOTIF: 6 });
  });

  test('nonsense sizes are refused with the flag name', () => {
    const random = createRandom(1);
    expect(() => planSeed({ items: 1 }, random)).toThrow(/--items/);
    expect(() => planSeed({ users: 0, tasksPerUser: 1, notificationsPerUser: 1 }, random)).toThrow(
      /--users/,
    );
    expect(() => planSeed({ users: 1, tasksPerUser: -1, notificationsPerUser: 1 }, random)).toThrow(
      /--tasks-per-user/,
    );
  });
});

describe('variety', () => {
  const items = generate({ items: 3_000 }, 11);
  const stats = emptyStats();
  for (const item of items) tallyItem(stats, item, now);

  test('every task status and due-date kind occurs', () => {
    for (const count of Object.values(stats.taskStatus)) expect(count).toBeGreaterThan(50);
    for (const count of Object.values(stats.taskDue)) expect(count).toBeGreaterThan(50);
    expect(stats.dueToday).toBeGreaterThan(20);
    expect(stats.pendingReminders).toBeGreaterThan(50);
  });

  test('notifications are read, unread and a few expired, of both kinds', () => {
    expect(stats.notifications.read).toBeGreaterThan(100);
    expect(stats.notifications.unread).toBeGreaterThan(100);
    expect(stats.notifications.expired).toBeGreaterThan(10);
    expect(stats.notifications.expired).toBeLessThan(stats.byType.NOTIF / 4);
    const kinds = new Set(items.flatMap((i) => (i.EntityType === 'NOTIF' ? [i.Kind] : [])));
    expect(kinds).toEqual(new Set(['task_due', 'task_completed']));
  });

  test('titles, descriptions and users vary', () => {
    const tasks = items.filter((i) => i.EntityType === 'TASK');
    expect(new Set(tasks.map((t) => t.Title)).size).toBeGreaterThan(20);
    const described = tasks.filter((t) => t.Description).length;
    expect(described).toBeGreaterThan(tasks.length / 2);
    expect(described).toBeLessThan(tasks.length);
    const profiles = items.filter((i) => i.EntityType === 'USER');
    expect(new Set(profiles.map((p) => p.FirstName)).size).toBeGreaterThan(10);
    expect(profiles.some((p) => p.PhoneNumber)).toBe(true);
    expect(profiles.some((p) => !p.PhoneNumber)).toBe(true);
  });
});

describe('keys and attributes are what the builders make', () => {
  const items = generate({ users: 40, tasksPerUser: 15, notificationsPerUser: 10 }, 21);
  const emailsByUser = new Map<string, string>();
  for (const item of items)
    if (item.EntityType === 'USER') emailsByUser.set(item.UserId, item.Email);

  test('every key is unique and matches its entity', () => {
    const keys = items.map((i) => `${i.EntityPartition}|${i.EntitySort}`);
    expect(new Set(keys).size).toBe(items.length);
    for (const item of items) expect(entityTypeOf(item)).toBe(item.EntityType);
  });

  test.each(['USER', 'EMAIL', 'TASK', 'NOTIF'] as const)('%s keys', (type) => {
    const ofType = items.filter((i): i is SeedItem => i.EntityType === type);
    expect(ofType.length).toBeGreaterThan(0);
    for (const item of ofType) {
      const key = { EntityPartition: item.EntityPartition, EntitySort: item.EntitySort };
      switch (item.EntityType) {
        case 'USER':
          expect(key).toEqual(profileKey(item.UserId));
          break;
        case 'EMAIL':
          expect(key).toEqual(emailGuardKey(emailsByUser.get(item.UserId) ?? ''));
          break;
        case 'TASK': {
          const userId = userIdFromPartition(item.EntityPartition) ?? '';
          expect(key).toEqual(taskKey(userId, item.TaskId));
          expect(item.TaskDueSort).toBe(taskDueSortKey(item.DueDate, item.TaskId));
          break;
        }
        case 'NOTIF': {
          const userId = userIdFromPartition(item.EntityPartition) ?? '';
          expect(key).toEqual(notificationKey(userId, item.NotificationId));
          break;
        }
      }
    }
  });

  test('ids are ULIDs of their creation time; dates are consistent', () => {
    for (const item of items) {
      if (item.EntityType === 'TASK') {
        expect(isValid(item.TaskId)).toBe(true);
        expect(decodeTime(item.TaskId)).toBe(Date.parse(item.CreatedAt));
        expect(Date.parse(item.CreatedAt)).toBeLessThanOrEqual(now.getTime());
        expect(Date.parse(item.TaskUpdatedAt)).toBeGreaterThanOrEqual(Date.parse(item.CreatedAt));
        if (item.DueDate)
          expect(Date.parse(item.DueDate)).toBeGreaterThan(Date.parse(item.CreatedAt));
        expect(item.TaskCompletedAt !== undefined).toBe(item.Status === 'completed');
        // The sparse reminder key is exactly what the services would compute now.
        expect(item.DueDate_NotificationSent).toBe(reminderPartitionFor(item, now));
        if (item.DueDate && Date.parse(item.DueDate) <= now.getTime()) {
          expect(item.NotificationSent).toBe(true);
        }
      }
      if (item.EntityType === 'NOTIF') {
        expect(isValid(item.NotificationId)).toBe(true);
        expect(decodeTime(item.NotificationId)).toBe(Date.parse(item.NotificationTimestamp));
        expect(item.NotificationExpiry).toBe(
          Math.floor(Date.parse(item.NotificationTimestamp) / 1000) +
            NOTIFICATION_TTL_DAYS * 86_400,
        );
        // The unread index is sparse: only unread notifications carry its key.
        expect(item.Notif_UnreadAt !== undefined).toBe(!item.Notif_isRead);
      }
    }
  });

  test('a notification points at a task of its user', () => {
    const tasksByUser = new Map<string, Set<string>>();
    for (const item of items) {
      if (item.EntityType !== 'TASK') continue;
      const set = tasksByUser.get(item.EntityPartition) ?? new Set<string>();
      set.add(item.TaskId);
      tasksByUser.set(item.EntityPartition, set);
    }
    for (const item of items) {
      if (item.EntityType !== 'NOTIF') continue;
      expect(tasksByUser.get(item.EntityPartition)?.has(item.TaskId)).toBe(true);
    }
  });
});
