/** Two users side by side: neither can see or touch what belongs to the other. */
import { bodyOf, call, eventually, expectProblem, registerUser, type Session } from './support/api';

interface Task {
  taskId: string;
  version: number;
  title: string;
}

describe('two users, isolated from each other', () => {
  let alice: Session;
  let bob: Session;
  let aliceTask: Task;
  let aliceNotificationId: string;
  let aliceCursor: string;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([registerUser('iso-alice'), registerUser('iso-bob')]);
    // Both log in as well, as two real users would.
    for (const user of [alice, bob]) {
      const login = await call('POST', '/auth/login', {
        json: { email: user.email, password: user.password },
      });
      expect(login.status).toBe(200);
      user.accessToken = String(bodyOf(login).accessToken);
    }
    const token = alice.accessToken;
    const created = await call('POST', '/tasks', { token, json: { title: 'Alice only' } });
    aliceTask = bodyOf(created) as unknown as Task;
    await call('POST', '/tasks', { token, json: { title: 'Alice too' } });
    const page = bodyOf(await call('GET', '/tasks?limit=1', { token }));
    aliceCursor = String(page.nextCursor);

    const done = await call('POST', '/tasks', {
      token,
      json: { title: 'Done', status: 'pending' },
    });
    const doneId = String(bodyOf(done).taskId);
    await call('PATCH', `/tasks/${doneId}`, { token, json: { status: 'completed' } });
    const inbox = await eventually(
      async () => bodyOf(await call('GET', '/notifications', { token })).items as unknown[],
      (items) => items.length > 0,
    );
    aliceNotificationId = String((inbox[0] as { notificationId: string }).notificationId);
  });

  test('each sees only their own profile', async () => {
    const aliceMe = bodyOf(await call('GET', '/users/me', { token: alice.accessToken }));
    const bobMe = bodyOf(await call('GET', '/users/me', { token: bob.accessToken }));
    expect(aliceMe.email).toBe(alice.email);
    expect(bobMe.email).toBe(bob.email);
    expect(aliceMe.userId).not.toBe(bobMe.userId);
  });

  test("bob cannot read, change or delete alice's task: 404 as if it did not exist", async () => {
    const token = bob.accessToken;
    const path = `/tasks/${aliceTask.taskId}`;
    expectProblem(await call('GET', path, { token }), 404);
    expectProblem(await call('PATCH', path, { token, json: { title: 'hijacked' } }), 404);
    expectProblem(await call('DELETE', path, { token }), 404);

    const still = await call('GET', path, { token: alice.accessToken });
    expect(bodyOf(still)).toMatchObject({ title: 'Alice only', version: aliceTask.version });
  });

  test("bob's lists hold none of alice's tasks or notifications", async () => {
    const tasks = bodyOf(await call('GET', '/tasks?limit=100', { token: bob.accessToken }));
    expect(tasks.items).toEqual([]);
    const notifications = bodyOf(await call('GET', '/notifications', { token: bob.accessToken }));
    expect(notifications.items).toEqual([]);
    const count = bodyOf(
      await call('GET', '/notifications/unread-count', { token: bob.accessToken }),
    );
    expect(count.count).toBe(0);
  });

  test("alice's cursor does not page bob's list", async () => {
    const response = await call('GET', `/tasks?limit=1&cursor=${encodeURIComponent(aliceCursor)}`, {
      token: bob.accessToken,
    });
    expectProblem(response, 400);
  });

  test("bob cannot mark read or delete alice's notification, nor read-all hers", async () => {
    const token = bob.accessToken;
    expectProblem(await call('POST', `/notifications/${aliceNotificationId}/read`, { token }), 404);
    expectProblem(await call('DELETE', `/notifications/${aliceNotificationId}`, { token }), 404);
    expect((await call('POST', '/notifications/read-all', { token })).status).toBe(204);

    const hers = bodyOf(await call('GET', '/notifications', { token: alice.accessToken }));
    const notification = (hers.items as { notificationId: string; read: boolean }[]).find(
      (n) => n.notificationId === aliceNotificationId,
    );
    expect(notification).toMatchObject({ read: false });
  });

  test('without a valid token no protected route answers anything but 401', async () => {
    // Well-formed requests, so the only thing wrong with them is the token.
    const routes: [string, string, unknown?][] = [
      ['GET', '/users/me'],
      ['PATCH', '/users/me', { firstName: 'Mallory' }],
      ['DELETE', '/users/me'],
      ['GET', '/tasks'],
      ['POST', '/tasks', { title: 'planted' }],
      ['GET', `/tasks/${aliceTask.taskId}`],
      ['PATCH', `/tasks/${aliceTask.taskId}`, { title: 'hijacked' }],
      ['DELETE', `/tasks/${aliceTask.taskId}`],
      ['GET', '/notifications'],
      ['GET', '/notifications/unread-count'],
      ['POST', '/notifications/read-all'],
      ['POST', `/notifications/${aliceNotificationId}/read`],
      ['DELETE', `/notifications/${aliceNotificationId}`],
    ];
    const forged = `${alice.accessToken.slice(0, -4)}AAAA`;
    for (const [method, path, json] of routes) {
      for (const token of [undefined, 'not-a-jwt', forged]) {
        const response = await call(method, path, {
          ...(token ? { token } : {}),
          ...(json === undefined ? {} : { json }),
        });
        if (response.status !== 401) {
          throw new Error(
            `${method} ${path} with token ${token?.slice(0, 10)} → ${response.status}`,
          );
        }
        expectProblem(response, 401);
      }
    }
    const still = await call('GET', `/tasks/${aliceTask.taskId}`, { token: alice.accessToken });
    expect(bodyOf(still)).toMatchObject({ title: 'Alice only' });
  });

  // In AWS the API Gateway JWT authorizer turns an anonymous request away before any service
  // sees it; locally every service must do the same before it validates the body.
  test('an anonymous request with a bad body is a 401, not a validation error', async () => {
    for (const [method, path] of [
      ['PATCH', '/users/me'],
      ['POST', '/notifications/not%20an%20id/read'],
    ]) {
      const response = await call(String(method), String(path), { json: { firstName: 5 } });
      expectProblem(response, 401);
    }
  });
});
