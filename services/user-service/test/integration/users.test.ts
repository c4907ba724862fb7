import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { notificationKey, ProfileRepository, taskKey } from '@taskmgr/dynamo';
import { CognitoAdmin } from '../support/cognito-admin';
import { itemsForEmail, itemsOfUser } from '../support/table-items';
import { bearer, GOOD_PASSWORD, registration, uniqueEmail, useTestApp } from '../support/test-app';

const { table, subject } = useTestApp('user-profile');
const admin = new CognitoAdmin();

afterAll(() => admin.destroy());

interface SignedUp {
  email: string;
  userId: string;
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

async function signUp(label: string, extra: Record<string, unknown> = {}): Promise<SignedUp> {
  const email = uniqueEmail(label);
  const res = await subject.app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: registration(email, extra),
  });
  expect(res.statusCode).toBe(201);
  const tokens = res.json();
  const { profiles } = await itemsForEmail(table, email);
  return { email, userId: String(profiles[0]?.UserId), ...tokens };
}

const me = (token: string) =>
  subject.app.inject({ method: 'GET', url: '/users/me', headers: bearer(token) });

const patch = (token: string, payload: object, headers: Record<string, string> = {}) =>
  subject.app.inject({
    method: 'PATCH',
    url: '/users/me',
    headers: { ...bearer(token), ...headers },
    payload,
  });

describe('authentication', () => {
  test.each(['GET', 'PATCH', 'DELETE'] as const)(
    '%s /users/me without a token is 401',
    async (method) => {
      const payload = method === 'PATCH' ? { firstName: 'Mallory' } : undefined;
      const res = await subject.app.inject({ method, url: '/users/me', payload });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['www-authenticate']).toBe('Bearer');
    },
  );

  test('an ID token is not an access token', async () => {
    const user = await signUp('idtoken');
    expect((await me(user.idToken)).statusCode).toBe(401);
  });
});

describe('PATCH /users/me', () => {
  test('SMS needs a phone number, checked against the stored profile', async () => {
    const user = await signUp('sms');
    const refused = await patch(user.accessToken, { notificationPreferences: { sms: true } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { field: 'notificationPreferences.sms', in: 'body', message: 'needs a phone number' },
    ]);
    expect((await me(user.accessToken)).json().version).toBe(1);

    const together = await patch(user.accessToken, {
      phoneNumber: '+447700900123',
      notificationPreferences: { sms: true },
    });
    expect(together.statusCode).toBe(200);
    expect(together.json()).toMatchObject({
      phoneNumber: '+447700900123',
      notificationPreferences: { email: false, sms: true },
      version: 2,
    });

    const removeWhileOn = await patch(user.accessToken, { phoneNumber: null });
    expect(removeWhileOn.statusCode).toBe(400);
    expect(removeWhileOn.json().errors[0].field).toBe('phoneNumber');

    const offAndRemove = await patch(user.accessToken, {
      phoneNumber: null,
      notificationPreferences: { sms: false },
    });
    expect(offAndRemove.statusCode).toBe(200);
    expect(offAndRemove.json()).toMatchObject({ phoneNumber: null, version: 3 });
  });

  test('only the channels given change; UpdatedAt and Version move on every edit', async () => {
    const user = await signUp('prefs', { phoneNumber: '+14155550100' });
    const before = (await me(user.accessToken)).json();
    const emailOn = await patch(user.accessToken, { notificationPreferences: { email: true } });
    expect(emailOn.json().notificationPreferences).toEqual({ email: true, sms: false });
    const smsOn = await patch(user.accessToken, { notificationPreferences: { sms: true } });
    const after = smsOn.json();
    expect(after.notificationPreferences).toEqual({ email: true, sms: true });
    expect(after.version).toBe(before.version + 2);
    expect(after.updatedAt > before.updatedAt).toBe(true);
    expect(after.createdAt).toBe(before.createdAt);
    expect(smsOn.headers.etag).toBe(`"${after.version}"`);
  });

  test('If-Match: the current version applies, a stale one is 412, * applies', async () => {
    const user = await signUp('ifmatch');
    const current = await patch(user.accessToken, { firstName: 'Grace' }, { 'if-match': '"1"' });
    expect(current.statusCode).toBe(200);
    const stale = await patch(user.accessToken, { firstName: 'Nope' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ status: 412, code: 'VERSION_CONFLICT' });
    expect((await me(user.accessToken)).json().firstName).toBe('Grace');
    const any = await patch(user.accessToken, { lastName: 'Hopper' }, { 'if-match': '*' });
    expect(any.json()).toMatchObject({ firstName: 'Grace', lastName: 'Hopper', version: 3 });
  });

  test('concurrent edits without If-Match both land; neither overwrites the other', async () => {
    const user = await signUp('concurrent');
    const [first, last] = await Promise.all([
      patch(user.accessToken, { firstName: 'Katherine' }),
      patch(user.accessToken, { lastName: 'Johnson' }),
    ]);
    expect([first.statusCode, last.statusCode]).toEqual([200, 200]);
    expect((await me(user.accessToken)).json()).toMatchObject({
      firstName: 'Katherine',
      lastName: 'Johnson',
      version: 3,
    });
  });
});

describe('DELETE /users/me', () => {
  async function addTasksAndNotifications(userId: string): Promise<void> {
    const items = [
      ...['01A', '01B', '01C'].map((id) => ({ ...taskKey(userId, id), EntityType: 'TASK' })),
      ...['01D', '01E'].map((id) => ({ ...notificationKey(userId, id), EntityType: 'NOTIF' })),
    ];
    for (const Item of items) {
      await table.doc.send(new PutCommand({ TableName: table.tableName, Item }));
    }
  }

  async function expectGone(user: SignedUp): Promise<void> {
    expect(await itemsOfUser(table, user.userId)).toHaveLength(0);
    const { profiles, guards } = await itemsForEmail(table, user.email);
    expect(profiles).toHaveLength(0);
    expect(guards).toHaveLength(0);
    expect(await admin.exists(user.userId)).toBe(false);
  }

  const remove = (token: string) =>
    subject.app.inject({ method: 'DELETE', url: '/users/me', headers: bearer(token) });

  test('deletes every item of the user, the guard and the Cognito account', async () => {
    const user = await signUp('delete');
    await addTasksAndNotifications(user.userId);
    expect(await itemsOfUser(table, user.userId)).toHaveLength(7);

    expect((await remove(user.accessToken)).statusCode).toBe(204);
    await expectGone(user);

    // The access token verifies until it expires, but there is nothing left behind it.
    expect((await me(user.accessToken)).statusCode).toBe(404);
    const login = await subject.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password: GOOD_PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    const refresh = await subject.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refreshToken: user.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    // Repeating it is harmless, and the address is free again.
    expect((await remove(user.accessToken)).statusCode).toBe(204);
    const again = await subject.app.inject({
      method: 'POST',
      url: '/auth/register',
      payload: registration(user.email),
    });
    expect(again.statusCode).toBe(201);
  });

  test('interrupted after the data went: running it again deletes the Cognito account', async () => {
    const user = await signUp('after-data');
    await addTasksAndNotifications(user.userId);
    await new ProfileRepository(table).deleteUserData(user.userId);
    expect(await admin.exists(user.userId)).toBe(true);

    expect((await remove(user.accessToken)).statusCode).toBe(204);
    await expectGone(user);
  });

  test('a Cognito account already gone does not stop the data from going', async () => {
    const user = await signUp('cognito-first');
    await addTasksAndNotifications(user.userId);
    await admin.deleteUser(user.userId);

    expect((await remove(user.accessToken)).statusCode).toBe(204);
    await expectGone(user);
  });
});
