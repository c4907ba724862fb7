import { bearer, registration, uniqueEmail, useTestApp } from '../support/test-app';

const { subject } = useTestApp('user-validation');
let accessToken: string;

beforeAll(async () => {
  const res = await subject.app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: registration(uniqueEmail('validation')),
  });
  accessToken = res.json().accessToken;
});

type Body = Record<string, unknown>;
type Case = [route: string, shape: string, field: string, body: unknown];

const valid: Record<string, Body> = {
  'POST /auth/register': registration('valid@example.test', { phoneNumber: '+14155550123' }),
  'POST /auth/confirm': { email: 'valid@example.test', code: '123456' },
  'POST /auth/login': { email: 'valid@example.test', password: 'whatever' },
  'POST /auth/refresh': { refreshToken: 'token' },
  'POST /auth/logout': { refreshToken: 'token' },
  'PATCH /users/me': {
    firstName: 'Ada',
    lastName: 'Lovelace',
    phoneNumber: '+14155550123',
    notificationPreferences: { email: true, sms: false },
  },
};

const without = (body: Body, field: string): Body =>
  Object.fromEntries(Object.entries(body).filter(([key]) => key !== field));
const withValue = (body: Body, field: string, value: unknown): Body => ({
  ...body,
  [field]: value,
});

/** Every field of every route in every bad shape it can take. */
function cases(): Case[] {
  const list: Case[] = [];
  const add = (route: string, shape: string, field: string, body: unknown) =>
    list.push([route, shape, field, body]);
  const strings: Record<string, Record<string, number>> = {
    'POST /auth/register': { email: 254, password: 256, firstName: 100, lastName: 100 },
    'POST /auth/confirm': { email: 254, code: 64 },
    'POST /auth/login': { email: 254, password: 256 },
    'POST /auth/refresh': { refreshToken: 8192 },
    'POST /auth/logout': { refreshToken: 8192 },
    'PATCH /users/me': { firstName: 100, lastName: 100 },
  };
  for (const [route, fields] of Object.entries(strings)) {
    const body = valid[route] ?? {};
    const optional = route.startsWith('PATCH');
    for (const [field, maxLength] of Object.entries(fields)) {
      if (!optional) add(route, 'missing', field, without(body, field));
      add(route, 'wrong type', field, withValue(body, field, 42));
      add(route, 'null', field, withValue(body, field, null));
      add(route, 'too long', field, withValue(body, field, 'x'.repeat(maxLength + 1)));
      if (field !== 'email') add(route, 'empty', field, withValue(body, field, ''));
    }
    add(route, 'unknown field', 'role', withValue(body, 'role', 'admin'));
    add(route, 'not an object', '(root)', ['a', 'b']);
  }
  for (const route of ['POST /auth/register', 'POST /auth/confirm', 'POST /auth/login']) {
    for (const email of ['not-an-email', 'a@', '@example.test', 'two@@example.test']) {
      add(route, `bad email "${email}"`, 'email', withValue(valid[route] ?? {}, 'email', email));
    }
  }
  for (const route of ['POST /auth/register', 'PATCH /users/me']) {
    for (const phone of ['4155550123', '+0123456', '+1 415 555 0123', '+1234567890123456', 42]) {
      add(route, `bad phone ${JSON.stringify(phone)}`, 'phoneNumber', {
        ...valid[route],
        phoneNumber: phone,
      });
    }
  }
  add(
    'POST /auth/register',
    'null phone',
    'phoneNumber',
    withValue(valid['POST /auth/register'] ?? {}, 'phoneNumber', null),
  );
  add('POST /auth/confirm', 'spaces in code', 'code', {
    ...valid['POST /auth/confirm'],
    code: '12 34',
  });
  const patch = valid['PATCH /users/me'] ?? {};
  add('PATCH /users/me', 'empty body', '(root)', {});
  add('PATCH /users/me', 'preferences wrong type', 'notificationPreferences', {
    notificationPreferences: true,
  });
  add('PATCH /users/me', 'preferences empty', 'notificationPreferences', {
    notificationPreferences: {},
  });
  add('PATCH /users/me', 'unknown channel', 'notificationPreferences.push', {
    ...patch,
    notificationPreferences: { push: true },
  });
  add('PATCH /users/me', 'channel wrong type', 'notificationPreferences.sms', {
    ...patch,
    notificationPreferences: { sms: 'yes' },
  });
  add('PATCH /users/me', 'channel null', 'notificationPreferences.email', {
    ...patch,
    notificationPreferences: { email: null },
  });
  return list;
}

describe('every bad shape of every field is a 400 naming the field', () => {
  test.each(cases())('%s: %s → %s', async (route, _shape, field, body) => {
    const [method, url] = route.split(' ') as ['POST' | 'PATCH', string];
    const res = await subject.app.inject({
      method,
      url,
      headers: method === 'PATCH' ? bearer(accessToken) : {},
      payload: body as object,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem).toMatchObject({ type: 'urn:problem:validation', status: 400 });
    expect(problem.detail).toContain(field);
    expect(problem.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, in: 'body' })]),
    );
  });

  test('a bad If-Match header is a 400 naming the header', async () => {
    const res = await subject.app.inject({
      method: 'PATCH',
      url: '/users/me',
      headers: { ...bearer(accessToken), 'if-match': 'W/"1"' },
      payload: { firstName: 'Ada' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        field: 'if-match',
        in: 'headers',
        message: 'must be the ETag from GET /users/me (a quoted number) or *',
      },
    ]);
  });

  test('a malformed phone number is explained in words, not as a regular expression', async () => {
    for (const [method, url] of [
      ['POST', '/auth/register'],
      ['PATCH', '/users/me'],
    ] as const) {
      const res = await subject.app.inject({
        method,
        url,
        headers: method === 'PATCH' ? bearer(accessToken) : {},
        payload: { ...valid[`${method} ${url}`], phoneNumber: '4155550123' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        {
          field: 'phoneNumber',
          in: 'body',
          message: 'must be in international format: + and the country code, e.g. +14155550123',
        },
      ]);
    }
  });

  test('the valid bodies used above pass validation', async () => {
    for (const [route, body] of Object.entries(valid)) {
      const [method, url] = route.split(' ') as ['POST' | 'PATCH', string];
      const res = await subject.app.inject({
        method,
        url,
        headers: method === 'PATCH' ? bearer(accessToken) : {},
        payload: body,
      });
      // Past the schema they may still fail on their merits (the code is wrong, say).
      expect(`${route} ${res.body}`).not.toContain('The request body is invalid');
    }
  });
});
