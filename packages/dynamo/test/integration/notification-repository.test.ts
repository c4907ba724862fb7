import {
  AlreadyExistsError,
  batchPutAll,
  buildNotificationItem,
  CursorCodec,
  IndexName,
  keyOf,
  type NewNotification,
  NotFoundError,
  NotificationRepository,
  newId,
  notificationKey,
} from '@taskmgr/dynamo';
import { createTestTable, type TestTable } from '@taskmgr/test-support';
import { getRaw, ManualClock, queryUserPartition } from './support';

// The integration project's testTimeout is not applied per project; DynamoDB Local on a
// 2-core CI machine needs more than Jest's 5 s default for the bulk and concurrency cases.
jest.setTimeout(60_000);

let table: TestTable;
let notifications: NotificationRepository;
const clock = new ManualClock('2030-08-20T12:00:00.000Z');
const DAY = 86_400_000;

beforeAll(async () => {
  table = await createTestTable('notifications');
  notifications = new NotificationRepository({ ...table, now: clock.now });
});
afterAll(() => table.destroy());

function notification(userId: string, title: string, ttlDays = 30): NewNotification {
  return {
    userId,
    notificationId: newId(clock.now()),
    kind: 'task_due',
    taskId: 'task-1',
    title,
    message: `${title} is due`,
    ttlDays,
  };
}

/**
 * Stored items created `daysAgo` in the past, alternating live (30-day TTL) and already
 * expired (1-day TTL), one minute apart, so expired items sit between live ones in every index.
 */
function interleavedItems(userId: string, count: number, daysAgo: number) {
  const start = clock.now().getTime() - daysAgo * DAY;
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(start + i * 60_000);
    const expired = i % 2 === 1;
    const input = {
      ...notification(userId, expired ? `expired-${i}` : `live-${i}`, expired ? 1 : 30),
      notificationId: newId(at),
    };
    return buildNotificationItem(input, at);
  });
}

describe('create, markRead, delete', () => {
  test('a replayed id is AlreadyExists', async () => {
    const input = notification('u-basic', 'once');
    await notifications.create(input);
    await expect(notifications.create(input)).rejects.toBeInstanceOf(AlreadyExistsError);
  });

  test('markRead sets the flag, leaves the unread index and is idempotent', async () => {
    const created = await notifications.create(notification('u-basic', 'read me'));
    await notifications.markRead('u-basic', created.notificationId);
    await notifications.markRead('u-basic', created.notificationId);
    const raw = await getRaw(table, notificationKey('u-basic', created.notificationId));
    expect(raw).toMatchObject({ Notif_isRead: true });
    expect(raw).not.toHaveProperty('Notif_UnreadAt');
    expect((await notifications.get('u-basic', created.notificationId))?.read).toBe(true);
  });

  test('markRead and delete of a missing or foreign notification are NotFound', async () => {
    const created = await notifications.create(notification('u-basic', 'mine'));
    await expect(notifications.markRead('u-basic', 'missing')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(notifications.markRead('u-other', created.notificationId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await getRaw(table, notificationKey('u-other', created.notificationId))).toBeUndefined();
    await expect(notifications.delete('u-other', created.notificationId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await notifications.delete('u-basic', created.notificationId);
    expect(await getRaw(table, notificationKey('u-basic', created.notificationId))).toBeUndefined();
    await expect(notifications.delete('u-basic', created.notificationId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('expired notifications (TTL has not deleted them yet)', () => {
  const userId = 'u-ttl';
  let items: ReturnType<typeof interleavedItems>;
  const live = () => items.filter((i) => i.Title.startsWith('live'));
  const expired = () => items.filter((i) => i.Title.startsWith('expired'));

  beforeAll(async () => {
    items = interleavedItems(userId, 25, 5);
    await batchPutAll(table.doc, table.tableName, items);
  });

  test('the expired items are really in the table and in the unread index', async () => {
    const sample = expired()[0];
    if (!sample) throw new Error('no expired fixture');
    expect(await getRaw(table, keyOf(sample))).toBeDefined();
    const unreadIndex = await queryUserPartition(table, userId, {
      IndexName: IndexName.unreadNotification,
      Select: 'COUNT',
    });
    expect(unreadIndex.Count).toBe(25);
  });

  test.each([false, true])(
    'are never listed (unreadOnly=%s), and pages stay full',
    async (unreadOnly) => {
      const codec = new CursorCodec({
        secret: 'notification-cursor-secret-0123456789abcdef',
        now: clock.now,
      });
      const query = { unreadOnly };
      const titles: string[] = [];
      const sizes: number[] = [];
      let cursor: string | undefined;
      do {
        const startKey = cursor ? codec.decode(cursor, { userId, query }) : undefined;
        const page = await notifications.list(userId, { unreadOnly, limit: 4, startKey });
        titles.push(...page.items.map((n) => n.title));
        sizes.push(page.items.length);
        cursor = page.lastKey ? codec.encode({ userId, query, lastKey: page.lastKey }) : undefined;
      } while (cursor);
      // Newest first, every live item once, no expired one.
      expect(titles).toEqual(
        live()
          .map((i) => i.Title)
          .reverse(),
      );
      // 13 live items in pages of 4: only the last page may be short.
      expect(sizes.slice(0, 3)).toEqual([4, 4, 4]);
      expect(sizes.slice(3).reduce((a, b) => a + b, 0)).toBe(1);
    },
  );

  test('are never counted, and cannot be read, marked read or deleted', async () => {
    expect(await notifications.countUnread(userId)).toBe(live().length);
    const sample = expired()[0];
    if (!sample) throw new Error('no expired fixture');
    expect(await notifications.get(userId, sample.NotificationId)).toBeUndefined();
    await expect(notifications.markRead(userId, sample.NotificationId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(notifications.delete(userId, sample.NotificationId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await getRaw(table, keyOf(sample))).toMatchObject({ Notif_isRead: false });
  });

  test('a notification expires on the clock: listed before, gone after', async () => {
    const created = await notifications.create(notification('u-clock', 'short-lived', 1));
    const later = new NotificationRepository({
      ...table,
      now: () => new Date(clock.now().getTime() + DAY + 1_000),
    });
    expect((await notifications.list('u-clock', { limit: 5 })).items).toHaveLength(1);
    expect(await notifications.countUnread('u-clock')).toBe(1);
    expect((await later.list('u-clock', { limit: 5 })).items).toEqual([]);
    expect(await later.countUnread('u-clock')).toBe(0);
    await expect(later.markRead('u-clock', created.notificationId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('markAllRead', () => {
  test('marks 1,500 unread notifications read and skips expired and read ones', async () => {
    const userId = 'u-bulk';
    const start = clock.now().getTime() - DAY;
    const unread = Array.from({ length: 1_500 }, (_, i) => {
      const at = new Date(start + i * 10);
      return buildNotificationItem(
        { ...notification(userId, `n${i}`), notificationId: newId(at) },
        at,
      );
    });
    const expiredAt = new Date(clock.now().getTime() - 3 * DAY);
    const expired = Array.from({ length: 5 }, () =>
      buildNotificationItem(
        { ...notification(userId, 'old', 1), notificationId: newId(expiredAt) },
        expiredAt,
      ),
    );
    await batchPutAll(table.doc, table.tableName, [...unread, ...expired]);
    const alreadyRead = await notifications.create(notification(userId, 'seen'));
    await notifications.markRead(userId, alreadyRead.notificationId);
    expect(await notifications.countUnread(userId)).toBe(1_500);

    expect(await notifications.markAllRead(userId)).toBe(1_500);
    expect(await notifications.countUnread(userId)).toBe(0);
    expect(await notifications.markAllRead(userId)).toBe(0);
    const stillUnread = await queryUserPartition(table, userId, {
      IndexName: IndexName.unreadNotification,
    });
    // Only the expired ones are left for TTL to remove.
    expect(stillUnread.Items?.map((i) => i.Title)).toEqual(Array(5).fill('old'));
  });

  test('concurrent markAllRead calls together count every notification exactly once', async () => {
    const userId = 'u-bulk-race';
    const now = clock.now();
    const items = Array.from({ length: 300 }, (_, i) =>
      buildNotificationItem({ ...notification(userId, `r${i}`), notificationId: newId(now) }, now),
    );
    await batchPutAll(table.doc, table.tableName, items);
    const counts = await Promise.all([
      notifications.markAllRead(userId),
      notifications.markAllRead(userId),
      notifications.markAllRead(userId),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(300);
    expect(await notifications.countUnread(userId)).toBe(0);
  });
});
