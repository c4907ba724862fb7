/**
 * Every route, fed what a broken or hostile client sends: malformed JSON, the wrong content
 * type, an oversized body, wrong types in body, query and path. The answer is always a 4xx
 * problem+json, never a 5xx.
 */
import {
  type ApiResponse,
  bodyOf,
  call,
  gatewayUrl,
  registerUser,
  type Session,
} from './support/api';

const ULID = '01J0000000000000000000000A';
const OVER_ONE_MIB = 1_048_576 + 4_096;

interface Route {
  method: string;
  path: string;
  auth: boolean;
  /** Bodies of the right JSON shape but wrong types or values; empty for routes without a body. */
  wrongBodies: unknown[];
}

const routes = (taskId: string): Route[] => [
  {
    method: 'POST',
    path: '/auth/register',
    auth: false,
    wrongBodies: [
      { email: 42, password: true, firstName: [], lastName: {} },
      { email: 'not-an-email', password: 'Passw0rd-ok', firstName: 'A', lastName: 'B' },
      { email: 'x@example.com', password: 'Passw0rd-ok', firstName: 'A', lastName: 'B', admin: 1 },
      {},
      [],
      'a string',
      null,
    ],
  },
  {
    method: 'POST',
    path: '/auth/confirm',
    auth: false,
    wrongBodies: [{ email: 'x@example.com', code: 123 }, { email: ['x'] }],
  },
  {
    method: 'POST',
    path: '/auth/login',
    auth: false,
    wrongBodies: [{ email: 'x@example.com', password: 123 }, { email: null, password: null }, 7],
  },
  { method: 'POST', path: '/auth/refresh', auth: false, wrongBodies: [{ refreshToken: 42 }, {}] },
  { method: 'POST', path: '/auth/logout', auth: false, wrongBodies: [{ refreshToken: [] }] },
  {
    method: 'PATCH',
    path: '/users/me',
    auth: true,
    wrongBodies: [
      { firstName: 5 },
      { notificationPreferences: { email: 'yes' } },
      { phoneNumber: 'call me' },
      {},
      [],
    ],
  },
  {
    method: 'POST',
    path: '/tasks',
    auth: true,
    wrongBodies: [
      { title: 42 },
      { title: 'ok', dueDate: 'tomorrow' },
      { title: 'ok', status: 'done' },
      { title: 'ok', description: { nested: true } },
      { title: '' },
      {},
      [],
      false,
    ],
  },
  {
    method: 'PATCH',
    path: `/tasks/${taskId}`,
    auth: true,
    wrongBodies: [{ status: 1 }, { dueDate: 5 }, { title: null }, {}],
  },
  { method: 'DELETE', path: `/tasks/${taskId}`, auth: true, wrongBodies: [] },
  { method: 'POST', path: '/notifications/read-all', auth: true, wrongBodies: [] },
  { method: 'POST', path: '/notifications/due-x/read', auth: true, wrongBodies: [] },
  { method: 'DELETE', path: '/notifications/due-x', auth: true, wrongBodies: [] },
];

/** A 4xx problem, never a 5xx: what every answer in this file must be. */
function expectClientProblem(response: ApiResponse, label: string, status?: number): void {
  const detail = `${label} → ${response.status} ${response.text.slice(0, 300)}`;
  if (response.status < 400 || response.status >= 500) throw new Error(detail);
  if (status !== undefined && response.status !== status) throw new Error(detail);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(bodyOf(response)).toMatchObject({ status: response.status, title: expect.any(String) });
}

describe('bad requests on every route get a 4xx problem, never a 5xx', () => {
  let user: Session;
  let taskId: string;

  beforeAll(async () => {
    user = await registerUser('bad-requests');
    const task = await call('POST', '/tasks', { token: user.accessToken, json: { title: 'Mine' } });
    taskId = String(bodyOf(task).taskId);
  });

  const each = (run: (route: Route, token: string | undefined) => Promise<void>) => async () => {
    for (const route of routes(taskId)) await run(route, route.auth ? user.accessToken : undefined);
  };

  test(
    'malformed JSON → 400',
    each(async (route, token) => {
      for (const raw of ['{"title": ', '{title: "x"}', '']) {
        const response = await call(route.method, route.path, {
          ...(token ? { token } : {}),
          raw,
          headers: { 'content-type': 'application/json' },
        });
        expectClientProblem(
          response,
          `${route.method} ${route.path} with ${JSON.stringify(raw)}`,
          400,
        );
      }
    }),
  );

  test(
    'a content type other than JSON → 415',
    each(async (route, token) => {
      for (const [contentType, raw] of [
        ['text/plain', 'title=x'],
        ['application/x-www-form-urlencoded', 'title=x'],
        ['application/xml', '<task/>'],
      ]) {
        const response = await call(route.method, route.path, {
          ...(token ? { token } : {}),
          raw,
          headers: { 'content-type': String(contentType) },
        });
        expectClientProblem(response, `${route.method} ${route.path} as ${contentType}`, 415);
      }
    }),
  );

  test(
    'a body over the 1 MiB limit → 413, announced or streamed',
    each(async (route, token) => {
      const big = JSON.stringify({ title: 'x'.repeat(OVER_ONE_MIB) });
      const announced = await call(route.method, route.path, {
        ...(token ? { token } : {}),
        raw: big,
        headers: { 'content-type': 'application/json' },
      });
      expectClientProblem(announced, `${route.method} ${route.path} with a big body`, 413);

      // No Content-Length: the gateway streams it and the service stops it.
      const bytes = new TextEncoder().encode(big);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 65_536) {
            controller.enqueue(bytes.slice(at, at + 65_536));
          }
          controller.close();
        },
      });
      const init = {
        method: route.method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: stream,
        duplex: 'half',
      } as RequestInit;
      const streamed = await fetch(`${gatewayUrl()}${route.path}`, init);
      const text = await streamed.text();
      expectClientProblem(
        {
          status: streamed.status,
          headers: streamed.headers,
          text,
          body: text ? JSON.parse(text) : undefined,
        },
        `${route.method} ${route.path} with a big chunked body`,
        413,
      );
    }),
  );

  test(
    'wrong types and values in the body → 400 naming the fields',
    each(async (route, token) => {
      for (const body of route.wrongBodies) {
        const response = await call(route.method, route.path, {
          ...(token ? { token } : {}),
          raw: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        });
        expectClientProblem(response, `${route.method} ${route.path} with ${JSON.stringify(body)}`);
        expect([400, 422]).toContain(response.status);
      }
    }),
  );

  test('wrong types in the query string and path → 400 (414 for an over-long id)', async () => {
    const token = user.accessToken;
    const cases: [string, string, number?][] = [
      ['GET', '/tasks?limit=abc'],
      ['GET', '/tasks?limit=0'],
      ['GET', '/tasks?limit=1000'],
      ['GET', '/tasks?status=done'],
      ['GET', '/tasks?sort=title'],
      ['GET', '/tasks?order=sideways'],
      ['GET', '/tasks?dueBefore=yesterday'],
      ['GET', '/tasks?cursor=not-a-cursor'],
      ['GET', '/tasks?unknown=1'],
      ['GET', '/tasks/not-a-ulid'],
      ['PATCH', '/tasks/not-a-ulid'],
      ['DELETE', '/tasks/not-a-ulid'],
      ['GET', '/notifications?limit=-1'],
      ['GET', '/notifications?unread=maybe'],
      ['GET', '/notifications?cursor=forged'],
      ['POST', '/notifications/has%20space/read'],
      ['DELETE', `/notifications/${'x'.repeat(300)}`, 414],
    ];
    for (const [method, path, status = 400] of cases) {
      const response = await call(method, path, {
        token,
        ...(method === 'PATCH' ? { json: { title: 'x' } } : {}),
      });
      expectClientProblem(response, `${method} ${path}`, status);
    }
  });

  test('the user and their task are untouched by all of the above', async () => {
    const me = await call('GET', '/users/me', { token: user.accessToken });
    expect(me.status).toBe(200);
    const task = await call('GET', `/tasks/${taskId}`, { token: user.accessToken });
    expect(bodyOf(task)).toMatchObject({ title: 'Mine', version: 1 });
    // The ULID-shaped id of a task nobody has is a plain 404.
    const missing = await call('GET', `/tasks/${ULID}`, { token: user.accessToken });
    expectClientProblem(missing, 'GET a missing task', 404);
  });
});
