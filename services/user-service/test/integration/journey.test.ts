import { bearer, GOOD_PASSWORD, registration, uniqueEmail, useTestApp } from '../support/test-app';

// trace: the most the service ever logs, so the secrets check below covers every line.
const { subject } = useTestApp('user-journey', { LOG_LEVEL: 'trace' });

const post = (url: string, payload: object) => subject.app.inject({ method: 'POST', url, payload });

describe('the whole journey', () => {
  const email = uniqueEmail('journey');
  const secrets: string[] = [GOOD_PASSWORD];

  test('register → login → me → patch → refresh → logout → refresh fails → login again', async () => {
    const registered = await post(
      '/auth/register',
      registration(email, { phoneNumber: '+14155550123' }),
    );
    expect(registered.statusCode).toBe(201);
    expect(registered.headers['cache-control']).toBe('no-store');
    const first = registered.json();
    expect(first).toEqual({
      accessToken: expect.any(String),
      idToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: expect.any(Number),
      tokenType: 'Bearer',
    });
    expect(first.expiresIn).toBeGreaterThan(0);
    secrets.push(first.accessToken, first.idToken, first.refreshToken);

    const login = await post('/auth/login', { email, password: GOOD_PASSWORD });
    expect(login.statusCode).toBe(200);
    const tokens = login.json();
    secrets.push(tokens.accessToken, tokens.idToken, tokens.refreshToken);

    const me = await subject.app.inject({
      method: 'GET',
      url: '/users/me',
      headers: bearer(tokens.accessToken),
    });
    expect(me.statusCode).toBe(200);
    const profile = me.json();
    expect(profile).toMatchObject({
      email,
      firstName: 'Ada',
      lastName: 'Lovelace',
      phoneNumber: '+14155550123',
      notificationPreferences: { email: false, sms: false },
      version: 1,
    });
    expect(profile.lastLogin).toEqual(expect.any(String));
    expect(me.headers.etag).toBe('"1"');

    const patched = await subject.app.inject({
      method: 'PATCH',
      url: '/users/me',
      headers: bearer(tokens.accessToken),
      payload: { firstName: 'Augusta', notificationPreferences: { sms: true } },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      firstName: 'Augusta',
      lastName: 'Lovelace',
      notificationPreferences: { email: false, sms: true },
      version: 2,
    });
    expect(Date.parse(patched.json().updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(profile.updatedAt),
    );

    const refreshed = await post('/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(refreshed.statusCode).toBe(200);
    const renewed = refreshed.json();
    expect(renewed).toMatchObject({ tokenType: 'Bearer', refreshToken: tokens.refreshToken });
    secrets.push(renewed.accessToken, renewed.idToken);
    const meAgain = await subject.app.inject({
      method: 'GET',
      url: '/users/me',
      headers: bearer(renewed.accessToken),
    });
    expect(meAgain.json()).toMatchObject({ firstName: 'Augusta', version: 2 });

    const logout = await post('/auth/logout', { refreshToken: tokens.refreshToken });
    expect(logout.statusCode).toBe(204);

    const refusedRefresh = await post('/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(refusedRefresh.statusCode).toBe(401);
    expect(refusedRefresh.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refusedRefresh.json()).toMatchObject({
      status: 401,
      type: 'urn:problem:invalid-refresh-token',
    });

    // Logging out again is not an error: the token is just as revoked.
    expect((await post('/auth/logout', { refreshToken: tokens.refreshToken })).statusCode).toBe(
      204,
    );

    const again = await post('/auth/login', { email, password: GOOD_PASSWORD });
    expect(again.statusCode).toBe(200);
    secrets.push(again.json().accessToken, again.json().refreshToken);
    expect(
      (await post('/auth/refresh', { refreshToken: again.json().refreshToken })).statusCode,
    ).toBe(200);
  });

  test('failed attempts are logged without what was sent', async () => {
    const wrongPassword = 'Wrong-Secret-77';
    const weakPassword = 'weakpass1';
    const garbageRefresh = 'garbage-refresh-token-value';
    const garbageAccess = 'garbage.access.token-value';
    secrets.push(wrongPassword, weakPassword, garbageRefresh, garbageAccess);
    expect((await post('/auth/login', { email, password: wrongPassword })).statusCode).toBe(401);
    const weak = await post(
      '/auth/register',
      registration(uniqueEmail('weak'), { password: weakPassword }),
    );
    expect(weak.statusCode).toBe(400);
    expect((await post('/auth/refresh', { refreshToken: garbageRefresh })).statusCode).toBe(401);
    const me = await subject.app.inject({
      method: 'GET',
      url: '/users/me',
      headers: bearer(garbageAccess),
    });
    expect(me.statusCode).toBe(401);
  });

  test('captured logs hold no password, no token and no authorization value', () => {
    const text = subject.logs.text();
    expect(subject.logs.lines.length).toBeGreaterThan(20);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/bearer /i);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    for (const entry of subject.logs.entries()) {
      expect(JSON.stringify(entry).toLowerCase()).not.toContain('"authorization":"b');
    }
  });
});
