import { authTesting } from '@taskmgr/auth';
import {
  batchPutAll,
  buildNotificationItem,
  type NewNotification,
  NotificationRepository,
} from '@taskmgr/dynamo';
import type { ServiceApp } from '@taskmgr/service-kit';
import { createTestTable, type TestTable } from '@taskmgr/test-support';
import { buildApp } from '../../src/app';
import { loadNotificationServiceConfig } from '../../src/config';
import { serviceEnv } from '../support/harness';

let table: TestTable;
let app: ServiceApp;
let cognito: authTesting.CognitoTestEnv;

beforeAll(async () => {
  table = await createTestTable('inbox');
  cognito = authTesting.cognitoTestEnv();
  app = await buildApp({
    config: loadNotificationServiceConfig(serviceEnv(table)),
    clients: table,
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await table.destroy();
});

interface ListedNotification {
  notificationId: string;
  kind: string;
  taskId: string;
  title: string;
  message: string;
  createdAt: string;
  read: boolean;
  expiresAt: string;
}

const MINUTE = 60_000;

/** Writes notifications created `minutesAgo` ago (oldest first in the input), as the workers would. */
async function seed(
  userId: string,
  entries: Array<{ id: string; minutesAgo: number; ttlDays?: number; read?: boolean }>,
) {
  const items = entries.map((entry) => {
    const input: NewNotification = {
      userId,
      notificationId: entry.id,
      kind: 'task_completed',
      taskId: `task-${entry.id}`,
      title: `Title ${entry.id}`,
      message: `Message ${entry.id}`,
      ttlDays: entry.ttlDays ?? 30,
    };
    const item = buildNotificationItem(input, new Date(Date.now() - entry.minutesAgo * MINUTE));
    if (!entry.read) return item;
    const { Notif_UnreadAt: _unread, ...read } = item;
    return { ...read, Notif_isRead: true };
  });
  await batchPutAll(table.doc, table.tableName, items, { concurrency: 8 });
}

async function user() {
  return authTesting.createCognitoTestUser(cognito);
}

function call(token: string, method: 'GET' | 'POST' | 'DELETE', url: string) {
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
}

async function listAll(token: string, query: string, limit: number) {
  const seen: ListedNotification[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url = `/notifications?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await call(token, 'GET', url);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: ListedNotification[]; nextCursor: string | null };
    seen.push(...body.items);
    cursor = body.nextCursor;
    pages += 1;
  } while (cursor && pages < 100);
  return { items: seen, pages };
}

test('every inbox route needs an access token', async () => {
  for (const [method, url] of [
    ['GET', '/notifications'],
    ['GET', '/notifications/unread-count'],
    ['POST', '/notifications/read-all'],
    ['POST', '/notifications/x/read'],
    ['DELETE', '/notifications/x'],
  ] as const) {
    const res = await app.inject({ method, url });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  }
});

test('lists newest first across pages with an opaque cursor, unread filter included', async () => {
  const me = await user();
  await seed(
    me.userId,
    Array.from({ length: 25 }, (_, i) => ({
      id: `n${String(i).padStart(2, '0')}`,
      minutesAgo: 100 - i,
      read: i % 3 === 0,
    })),
  );

  const all = await listAll(me.accessToken, '', 10);
  expect(all.pages).toBe(3);
  expect(all.items.map((n) => n.notificationId)).toEqual(
    Array.from({ length: 25 }, (_, i) => `n${String(24 - i).padStart(2, '0')}`),
  );
  expect(all.items[0]).toEqual({
    notificationId: 'n24',
    kind: 'task_completed',
    taskId: 'task-n24',
    title: 'Title n24',
    message: 'Message n24',
    createdAt: expect.any(String),
    read: true, // every third one was seeded read, n24 among them
    expiresAt: expect.any(String),
  });

  const unread = await listAll(me.accessToken, '&unread=true', 4);
  expect(unread.items.map((n) => n.notificationId)).toEqual(
    all.items.filter((n) => !n.read).map((n) => n.notificationId),
  );
  expect(unread.items).toHaveLength(16);

  const count = await call(me.accessToken, 'GET', '/notifications/unread-count');
  expect(count.json()).toEqual({ count: 16 });
});

test('a cursor only works for its own user and filter', async () => {
  const me = await user();
  const other = await user();
  await seed(
    me.userId,
    Array.from({ length: 5 }, (_, i) => ({ id: `c${i}`, minutesAgo: 10 - i })),
  );
  const first = (await call(me.accessToken, 'GET', '/notifications?limit=2')).json() as {
    nextCursor: string;
  };
  expect(first.nextCursor).toEqual(expect.any(String));
  expect(first.nextCursor).not.toContain('USER_');

  const cursor = encodeURIComponent(first.nextCursor);
  expect(
    (await call(me.accessToken, 'GET', `/notifications?limit=2&cursor=${cursor}`)).statusCode,
  ).toBe(200);
  const otherUser = await call(other.accessToken, 'GET', `/notifications?limit=2&cursor=${cursor}`);
  expect(otherUser.statusCode).toBe(400);
  expect(otherUser.json()).toMatchObject({ code: 'INVALID_CURSOR' });
  expect(
    (await call(me.accessToken, 'GET', `/notifications?limit=2&unread=true&cursor=${cursor}`))
      .statusCode,
  ).toBe(400);
  expect((await call(me.accessToken, 'GET', '/notifications?cursor=garbage')).statusCode).toBe(400);
  expect((await call(me.accessToken, 'GET', '/notifications?limit=0')).statusCode).toBe(400);
});

test('expired notifications are never listed, counted, marked or deleted', async () => {
  const me = await user();
  await seed(me.userId, [
    // Created 40 days ago with a 30-day TTL: expired, though DynamoDB Local never deletes it.
    { id: 'old-unread', minutesAgo: 40 * 24 * 60 },
    { id: 'old-read', minutesAgo: 40 * 24 * 60, read: true },
    { id: 'just-expired', minutesAgo: 2, ttlDays: 0 },
    { id: 'fresh', minutesAgo: 1 },
  ]);
  const all = await listAll(me.accessToken, '', 2);
  expect(all.items.map((n) => n.notificationId)).toEqual(['fresh']);
  const unread = await listAll(me.accessToken, '&unread=true', 2);
  expect(unread.items.map((n) => n.notificationId)).toEqual(['fresh']);
  expect((await call(me.accessToken, 'GET', '/notifications/unread-count')).json()).toEqual({
    count: 1,
  });
  expect((await call(me.accessToken, 'POST', '/notifications/old-unread/read')).statusCode).toBe(
    404,
  );
  expect((await call(me.accessToken, 'DELETE', '/notifications/old-read')).statusCode).toBe(404);
});

test('mark one read, idempotently; unknown or foreign ids are 404', async () => {
  const me = await user();
  const other = await user();
  await seed(me.userId, [
    { id: 'a', minutesAgo: 3 },
    { id: 'b', minutesAgo: 2 },
  ]);
  const read = await call(me.accessToken, 'POST', '/notifications/a/read');
  expect(read.statusCode).toBe(204);
  expect(read.body).toBe('');
  expect((await call(me.accessToken, 'POST', '/notifications/a/read')).statusCode).toBe(204);
  expect((await call(me.accessToken, 'GET', '/notifications/unread-count')).json()).toEqual({
    count: 1,
  });
  expect((await call(me.accessToken, 'POST', '/notifications/nope/read')).statusCode).toBe(404);
  expect((await call(other.accessToken, 'POST', '/notifications/b/read')).statusCode).toBe(404);
  expect((await call(other.accessToken, 'GET', '/notifications')).json()).toEqual({
    items: [],
    nextCursor: null,
  });
  expect((await call(me.accessToken, 'POST', '/notifications/bad%20id/read')).statusCode).toBe(400);
});

test('delete removes one notification; a second delete is 404', async () => {
  const me = await user();
  const other = await user();
  await seed(me.userId, [
    { id: 'keep', minutesAgo: 3 },
    { id: 'drop', minutesAgo: 2 },
  ]);
  expect((await call(other.accessToken, 'DELETE', '/notifications/drop')).statusCode).toBe(404);
  expect((await call(me.accessToken, 'DELETE', '/notifications/drop')).statusCode).toBe(204);
  expect((await call(me.accessToken, 'DELETE', '/notifications/drop')).statusCode).toBe(404);
  const listed = (await call(me.accessToken, 'GET', '/notifications')).json() as {
    items: ListedNotification[];
  };
  expect(listed.items.map((n) => n.notificationId)).toEqual(['keep']);
});

test('read-all marks 1,500 notifications read in batches', async () => {
  const me = await user();
  await seed(
    me.userId,
    Array.from({ length: 1500 }, (_, i) => ({
      id: `bulk${String(i).padStart(4, '0')}`,
      minutesAgo: 2000 - i,
    })),
  );
  // One expired unread item must stay out of it (and out of the count before and after).
  await seed(me.userId, [{ id: 'expired', minutesAgo: 40 * 24 * 60 }]);
  expect((await call(me.accessToken, 'GET', '/notifications/unread-count')).json()).toEqual({
    count: 1500,
  });

  const res = await call(me.accessToken, 'POST', '/notifications/read-all');
  expect(res.statusCode).toBe(204);

  expect((await call(me.accessToken, 'GET', '/notifications/unread-count')).json()).toEqual({
    count: 0,
  });
  expect((await call(me.accessToken, 'GET', '/notifications?unread=true')).json()).toEqual({
    items: [],
    nextCursor: null,
  });
  const repository = new NotificationRepository(table);
  const everything = await listAll(me.accessToken, '', 100);
  expect(everything.items).toHaveLength(1500);
  expect(everything.items.every((n) => n.read)).toBe(true);
  expect(await repository.countUnread(me.userId)).toBe(0);
  // A second read-all has nothing left to do.
  expect((await call(me.accessToken, 'POST', '/notifications/read-all')).statusCode).toBe(204);
});
