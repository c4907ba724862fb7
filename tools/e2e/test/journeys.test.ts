/** A user's whole journey, over HTTP through the gateway only, as the web app would make it. */
import {
  bodyOf,
  call,
  eventually,
  expectProblem,
  PASSWORD,
  registerUser,
  type Session,
  stackControl,
} from './support/api';

interface Task {
  taskId: string;
  title: string;
  status: string;
  dueDate: string | null;
  version: number;
}

interface Notification {
  notificationId: string;
  kind: string;
  taskId: string;
  read: boolean;
}

async function listNotifications(token: string): Promise<Notification[]> {
  const response = await call('GET', '/notifications?limit=100', { token });
  expect(response.status).toBe(200);
  return bodyOf(response).items as Notification[];
}

async function createTask(token: string, body: Record<string, unknown>): Promise<Task> {
  const response = await call('POST', '/tasks', { token, json: body });
  expect(response.status).toBe(201);
  return bodyOf(response) as unknown as Task;
}

describe('a user journey through the gateway', () => {
  let alice: Session;

  beforeAll(async () => {
    alice = await registerUser('alice');
  });

  test('registration: a new account gets tokens; the same address again is a 409', async () => {
    const again = await call('POST', '/auth/register', {
      json: { email: alice.email, password: PASSWORD, firstName: 'A', lastName: 'B' },
    });
    expectProblem(again, 409);
  });

  test('login answers the token set', async () => {
    const response = await call('POST', '/auth/login', {
      json: { email: alice.email, password: alice.password },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(bodyOf(response)).toMatchObject({
      accessToken: expect.any(String),
      idToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: expect.any(Number),
      tokenType: 'Bearer',
    });
    const wrong = await call('POST', '/auth/login', {
      json: { email: alice.email, password: 'Not-the-passw0rd' },
    });
    expectProblem(wrong, 401);
  });

  test('profile and notification preferences', async () => {
    const me = await call('GET', '/users/me', { token: alice.accessToken });
    expect(me.status).toBe(200);
    expect(bodyOf(me)).toMatchObject({
      email: alice.email,
      firstName: 'alice',
      notificationPreferences: { email: expect.any(Boolean), sms: expect.any(Boolean) },
    });
    const etag = me.headers.get('etag') ?? '';

    const smsWithoutPhone = await call('PATCH', '/users/me', {
      token: alice.accessToken,
      json: { notificationPreferences: { sms: true } },
    });
    expect(smsWithoutPhone.status).toBeGreaterThanOrEqual(400);
    expect(smsWithoutPhone.status).toBeLessThan(500);

    const patched = await call('PATCH', '/users/me', {
      token: alice.accessToken,
      headers: { 'if-match': etag },
      json: {
        firstName: 'Alice',
        phoneNumber: '+14155550123',
        notificationPreferences: { email: true, sms: true },
      },
    });
    expect(patched.status).toBe(200);
    expect(bodyOf(patched)).toMatchObject({
      firstName: 'Alice',
      phoneNumber: '+14155550123',
      notificationPreferences: { email: true, sms: true },
    });

    const stale = await call('PATCH', '/users/me', {
      token: alice.accessToken,
      headers: { 'if-match': etag },
      json: { lastName: 'Stale' },
    });
    expectProblem(stale, 412);
    const reread = bodyOf(await call('GET', '/users/me', { token: alice.accessToken }));
    expect(reread).toMatchObject({ firstName: 'Alice', lastName: 'Tester' });
  });

  test('tasks: create, read, list with pages, filter, update, delete', async () => {
    const token = alice.accessToken;
    const created: Task[] = [];
    for (let i = 1; i <= 5; i += 1) {
      const response = await call('POST', '/tasks', {
        token,
        json: {
          title: `Task ${i}`,
          description: `Number ${i}`,
          dueDate: new Date(Date.now() + i * 86_400_000).toISOString(),
          ...(i === 5 ? { status: 'in_progress' } : {}),
        },
      });
      expect(response.status).toBe(201);
      const task = bodyOf(response) as unknown as Task;
      expect(response.headers.get('etag')).toBe(`"${task.version}"`);
      expect(response.headers.get('location')).toBe(`/tasks/${task.taskId}`);
      created.push(task);
    }
    const [first] = created;
    if (!first) throw new Error('no task created');

    const read = await call('GET', `/tasks/${first.taskId}`, { token });
    expect(read.status).toBe(200);
    expect(bodyOf(read)).toMatchObject({
      taskId: first.taskId,
      title: 'Task 1',
      status: 'pending',
    });

    // Two at a time, following nextCursor to the end: every task once, none repeated.
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await call('GET', `/tasks?limit=2&sort=dueDate${query}`, { token });
      expect(page.status).toBe(200);
      const body = bodyOf(page);
      seen.push(...(body.items as Task[]).map((t) => t.taskId));
      cursor = body.nextCursor as string | null;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(created.map((t) => t.taskId));
    expect(pages).toBe(3);

    const inProgress = bodyOf(await call('GET', '/tasks?status=in_progress', { token }));
    expect((inProgress.items as Task[]).map((t) => t.title)).toEqual(['Task 5']);

    const updated = await call('PATCH', `/tasks/${first.taskId}`, {
      token,
      headers: { 'if-match': `"${first.version}"` },
      json: { title: 'Task 1, renamed' },
    });
    expect(updated.status).toBe(200);
    expect(bodyOf(updated)).toMatchObject({ title: 'Task 1, renamed', version: first.version + 1 });
    const stale = await call('PATCH', `/tasks/${first.taskId}`, {
      token,
      headers: { 'if-match': `"${first.version}"` },
      json: { title: 'lost update' },
    });
    expectProblem(stale, 412);

    const deleted = await call('DELETE', `/tasks/${first.taskId}`, { token });
    expect(deleted.status).toBe(204);
    expectProblem(await call('GET', `/tasks/${first.taskId}`, { token }), 404);
  });

  test('completing a task puts one task_completed notification in the inbox within seconds', async () => {
    const token = alice.accessToken;
    const task = await createTask(token, { title: 'Finish me' });
    const completed = await call('PATCH', `/tasks/${task.taskId}`, {
      token,
      json: { status: 'completed' },
    });
    expect(completed.status).toBe(200);
    expect(bodyOf(completed)).toMatchObject({
      status: 'completed',
      completedAt: expect.any(String),
    });

    const forTask = (items: Notification[]) =>
      items.filter((n) => n.taskId === task.taskId && n.kind === 'task_completed');
    const inbox = await eventually(
      () => listNotifications(token),
      (items) => forTask(items).length > 0,
      10_000,
    );
    expect(forTask(inbox)).toHaveLength(1);

    const unread = bodyOf(await call('GET', '/notifications/unread-count', { token }));
    expect(unread.count).toBeGreaterThanOrEqual(1);
    const [notification] = forTask(inbox);
    if (!notification) throw new Error('no notification');
    expect(
      (await call('POST', `/notifications/${notification.notificationId}/read`, { token })).status,
    ).toBe(204);
    const after = await listNotifications(token);
    expect(after.find((n) => n.notificationId === notification.notificationId)?.read).toBe(true);

    // Still exactly one a few poll intervals later: the completion event is consumed once.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(forTask(await listNotifications(token))).toHaveLength(1);
  });

  test('a task due in an hour gets its reminder when the due job runs, and only once', async () => {
    const token = alice.accessToken;
    const task = await createTask(token, {
      title: 'Due soon',
      dueDate: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const reminders = (items: Notification[]) =>
      items.filter((n) => n.taskId === task.taskId && n.kind === 'task_due');
    expect(reminders(await listNotifications(token))).toHaveLength(0);

    expect(await stackControl.runDueReminderJob()).toBe(0);
    const inbox = await eventually(
      () => listNotifications(token),
      (items) => reminders(items).length > 0,
      5_000,
    );
    expect(reminders(inbox)).toHaveLength(1);

    expect(await stackControl.runDueReminderJob()).toBe(0);
    expect(reminders(await listNotifications(token))).toHaveLength(1);
  });

  test('logout kills the refresh token', async () => {
    const login = bodyOf(
      await call('POST', '/auth/login', { json: { email: alice.email, password: alice.password } }),
    );
    const refreshToken = String(login.refreshToken);
    const refreshed = await call('POST', '/auth/refresh', { json: { refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(bodyOf(refreshed)).toMatchObject({ accessToken: expect.any(String) });

    expect((await call('POST', '/auth/logout', { json: { refreshToken } })).status).toBe(204);
    expectProblem(await call('POST', '/auth/refresh', { json: { refreshToken } }), 401);
  });
});
