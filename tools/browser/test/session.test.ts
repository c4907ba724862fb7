/**
 * The web app's token handling against the real API: a refresh shortly before the access
 * token expires, one refresh and one retry after a 401, one refresh shared by concurrent
 * requests, the end of the session when the refresh is refused, and both tokens forgotten on
 * logout. The tests only provoke 401s (the API's own, for a token with a spoiled signature),
 * move the page's clock and hold a refresh back; every refresh and retry reaches the real API.
 */
import type { Browser, Page, Route } from 'playwright-core';
import { type Account, call, createTask, registerAccount } from './support/api';
import {
  gatewayUrl,
  launch,
  type OpenedPage,
  openPage,
  type PageWatch,
  webUrl,
} from './support/browser';
import type { BrowserGlobals } from './support/dom';
import { logIn } from './support/session';

const REFRESH_TOKEN_KEY = 'taskmgr.refreshToken';
const UNREAD = '/notifications/unread-count';
const TASK_TITLE = 'Check the session handling';

let browser: Browser;
// Every test logs in for a refresh token of its own. The API allows five logins per address a
// minute, so the tests take turns with two accounts.
const accounts: Account[] = [];
let turns = 0;
let account: Account;
let opened: OpenedPage;
let page: Page;
/** Requests of any kind the page has sent, and those not yet over. */
let sent = 0;
let running: Set<unknown>;

beforeAll(async () => {
  browser = await launch();
  for (const name of ['Barbara', 'Edsger']) {
    const registered = await registerAccount('session', name);
    await createTask(registered, { title: TASK_TITLE });
    accounts.push(registered);
  }
});

beforeEach(async () => {
  account = accounts[turns++ % accounts.length] as Account;
  opened = await openPage(browser);
  page = opened.page;
  sent = 0;
  running = new Set();
  page.on('request', (request) => {
    sent += 1;
    running.add(request);
  });
  page.on('requestfinished', (request) => running.delete(request));
  page.on('requestfailed', (request) => running.delete(request));
});

// Judged before closing: closing cancels what is still loading (a link's prefetch).
afterEach(async () => {
  try {
    opened.watch.assertClean();
  } finally {
    await opened.context.close();
  }
});

afterAll(async () => {
  await browser?.close();
});

interface ApiCall {
  method: string;
  path: string;
  bearer: string | undefined;
  /** The refresh token a POST /auth/refresh or /auth/logout carried. */
  refreshToken: string | undefined;
  status?: number;
}

/** Every request the page sends to the gateway, in order, with its token and its status. */
function recordApiCalls(): ApiCall[] {
  const calls: ApiCall[] = [];
  const byRequest = new Map<unknown, ApiCall>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== gatewayUrl() || request.method() === 'OPTIONS') return;
    const body = request.postData();
    const entry: ApiCall = {
      method: request.method(),
      path: url.pathname,
      bearer: request.headers().authorization?.replace(/^Bearer /, ''),
      refreshToken: body?.includes('refreshToken')
        ? (JSON.parse(body) as { refreshToken: string }).refreshToken
        : undefined,
    };
    calls.push(entry);
    byRequest.set(request, entry);
  });
  page.on('response', (response) => {
    const entry = byRequest.get(response.request());
    if (entry) entry.status = response.status();
  });
  return calls;
}

const refreshes = (calls: ApiCall[]) => calls.filter((c) => c.path === '/auth/refresh');
const gets = (calls: ApiCall[], path: string) =>
  calls.filter((c) => c.method === 'GET' && c.path === path);

/** Polls a condition the page reaches on its own (a request, a response). */
async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !check(); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(25);
  }
}

/**
 * Waits until no request is running and none has started for a moment: before a navigation
 * (so it cancels nothing, such as a link's prefetch) and before counting what was sent.
 */
async function quiet(): Promise<void> {
  let seen = -1;
  while (seen !== sent || running.size > 0) {
    seen = sent;
    await page.waitForTimeout(300);
  }
}

/** Matches the gateway's URLs for one path, any method and query. */
function apiPath(path: string): (url: URL) => boolean {
  return (url) => url.origin === gatewayUrl() && url.pathname === path;
}

/**
 * Refuses the first GET /tasks once armed. Routed from the start and never unrouted: turning
 * interception on or off while requests are running can lose their events.
 */
async function refuseNextList(): Promise<{ arm(): void }> {
  let armed = false;
  await page.route(apiPath('/tasks'), (route) => {
    if (!armed || route.request().method() !== 'GET') return route.continue();
    armed = false;
    return refuseToken(route, opened.watch);
  });
  return {
    arm: () => {
      armed = true;
    },
  };
}

/**
 * Answers with the API's own 401 for this request: it goes to the real gateway with the
 * token's signature spoiled, as a token that lapsed in flight would be refused. The watch is
 * told of exactly this one.
 */
async function refuseToken(route: Route, watch: PageWatch): Promise<void> {
  const request = route.request();
  const headers = await request.allHeaders();
  const [head, payload] = (headers.authorization ?? '').replace(/^Bearer /, '').split('.');
  const response = await route.fetch({
    headers: { ...headers, authorization: `Bearer ${head}.${payload}.c3BvaWxlZA` },
  });
  if (response.status() !== 401) throw new Error(`expected a 401, got ${response.status()}`);
  const path = new URL(request.url()).pathname;
  watch.expect(request.method(), new RegExp(`^${path}$`), 401);
  await route.fulfill({ response });
}

function storedRefreshToken(): Promise<string | null> {
  return page.evaluate(
    (key) => (globalThis as unknown as BrowserGlobals).sessionStorage.getItem(key),
    REFRESH_TOKEN_KEY,
  );
}

/** Logs in through the page; the login answer's lifetime and the page's clock around it. */
async function logInTimed(): Promise<{ expiresInMs: number; before: number; after: number }> {
  const answered = page.waitForResponse(
    (r) => r.url() === `${gatewayUrl()}/auth/login` && r.request().method() === 'POST',
  );
  await page.goto(webUrl('/login/'));
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  const before = await page.evaluate(() => Date.now());
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Your tasks' }).waitFor();
  const after = await page.evaluate(() => Date.now());
  const { expiresIn } = (await (await answered).json()) as { expiresIn: number };
  expect(expiresIn).toBeGreaterThan(300);
  return { expiresInMs: expiresIn * 1000, before, after };
}

/** Re-runs the task list's query: a new sort is a new GET /tasks. */
async function reloadListSorted(): Promise<void> {
  await page.getByLabel('Sort by').selectOption('dueDate');
  await page.getByRole('button', { name: 'Apply' }).click();
}

test('a 401 refreshes the token once and sends the request again with the new one', async () => {
  const calls = recordApiCalls();
  const list = await refuseNextList();
  await logIn(page, account);
  await page.getByText('1 task, all shown.').waitFor();
  await quiet();
  const from = calls.length;
  list.arm();

  await reloadListSorted();
  await page.waitForURL(/sort=dueDate/);
  await page.getByText('1 task, all shown.').waitFor();
  await page.getByRole('link', { name: TASK_TITLE }).waitFor();

  const after = calls.slice(from);
  const lists = gets(after, '/tasks');
  expect(lists.map((c) => c.status)).toEqual([401, 200]);
  expect(lists[1]?.bearer).toEqual(expect.any(String));
  expect(lists[1]?.bearer).not.toBe(lists[0]?.bearer);
  const refresh = refreshes(after);
  expect(refresh.map((c) => c.status)).toEqual([200]);
  expect(refresh[0]?.refreshToken).toBe(await storedRefreshToken());
  // The refresh went out after the refused request and before its retry.
  const order = after.filter((c) => c.path !== UNREAD).map((c) => `${c.method} ${c.path}`);
  expect(order).toEqual(['GET /tasks', 'POST /auth/refresh', 'GET /tasks']);
});

test('a refused refresh ends the session on the login page, without retrying', async () => {
  const calls = recordApiCalls();
  const list = await refuseNextList();
  await logIn(page, account);
  await page.getByText('1 task, all shown.').waitFor();
  // Revoked at the API by the test, as another tab's logout would.
  const refreshToken = await storedRefreshToken();
  expect((await call('POST', '/auth/logout', { json: { refreshToken } })).status).toBe(204);
  await quiet();
  const from = calls.length;
  list.arm();
  opened.watch.expect('POST', /^\/auth\/refresh$/, 401);

  await reloadListSorted();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  expect(new URL(page.url()).searchParams.get('next')).toMatch(/^\/tasks\/\?.*sort=dueDate/);
  expect(await storedRefreshToken()).toBeNull();

  // A few poll periods later, still nothing more: no second refresh, no retry, no polling.
  const settled = calls.length;
  await page.waitForTimeout(2_500);
  expect(calls.slice(settled)).toEqual([]);
  const after = calls.slice(from);
  expect(refreshes(after).map((c) => c.status)).toEqual([401]);
  expect(gets(after, '/tasks').map((c) => c.status)).toEqual([401]);
});

test('a token with under a minute left is refreshed before the next request, not after a 401', async () => {
  await page.clock.install();
  const calls = recordApiCalls();
  const { expiresInMs, before, after } = await logInTimed();
  const original = gets(calls, '/tasks')[0]?.bearer;
  expect(original).toEqual(expect.any(String));
  await quiet();

  // The session started between `before` and `after`, so these bound the time left from
  // either side of the one-minute mark. At least 70 s left: the bell's next poll keeps the token.
  let from = calls.length;
  await page.clock.pauseAt(before + expiresInMs - 70_000);
  await page.clock.runFor(1_000);
  await until(() => gets(calls.slice(from), UNREAD).length > 0, 'a poll');
  await quiet();
  expect(refreshes(calls.slice(from))).toEqual([]);
  expect(calls.slice(from).every((c) => c.bearer === original && c.status === 200)).toBe(true);

  // At most 50 s left: the next poll refreshes first, then asks with the new token.
  from = calls.length;
  await page.clock.pauseAt(after + expiresInMs - 50_000);
  await page.clock.runFor(1_000);
  await until(() => gets(calls.slice(from), UNREAD).length > 0, 'a poll');
  await quiet();
  const shifted = calls.slice(from);
  const polls = gets(shifted, UNREAD);
  expect(shifted.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
    'POST /auth/refresh 200',
    ...polls.map(() => `GET ${UNREAD} 200`),
  ]);
  expect(polls[0]?.bearer).not.toBe(original);
  expect(new Set(polls.map((c) => c.bearer)).size).toBe(1);
});

test('requests that need a token while it is being refreshed share that one refresh', async () => {
  await page.clock.install();
  const calls = recordApiCalls();
  // Once armed, the first refresh is held at the route until every caller has asked for a
  // token; any other would go straight through and be counted.
  let armed = false;
  const held: Route[] = [];
  await page.route(apiPath('/auth/refresh'), (route) => {
    if (!armed || held.length > 0) return route.continue();
    held.push(route);
  });
  const { expiresInMs, after } = await logInTimed();
  const original = gets(calls, '/tasks')[0]?.bearer;
  await quiet();

  const from = calls.length;
  armed = true;
  // Past expiry: the next poll starts the refresh.
  await page.clock.pauseAt(after + expiresInMs + 5_000);
  await page.clock.runFor(1_000);
  await until(() => held.length > 0, 'the refresh');
  // Two more polls and a new list query, all while the refresh is under way.
  await page.clock.runFor(2_000);
  await reloadListSorted();
  await page.waitForURL(/sort=dueDate/);
  await page.waitForTimeout(500);
  expect(refreshes(calls.slice(from))).toHaveLength(1);
  await held[0]?.continue();

  await page.getByText('1 task, all shown.').waitFor();
  await quiet();
  const shifted = calls.slice(from);
  expect(refreshes(shifted).map((c) => c.status)).toEqual([200]);
  expect(shifted[0]?.path).toBe('/auth/refresh');
  const waiting = shifted.slice(1);
  expect(gets(waiting, UNREAD).length).toBeGreaterThanOrEqual(3);
  expect(gets(waiting, '/tasks')).toHaveLength(1);
  expect(waiting.map((c) => c.status)).toEqual(waiting.map(() => 200));
  const tokens = new Set(waiting.map((c) => c.bearer));
  expect(tokens.size).toBe(1);
  expect(tokens.has(original)).toBe(false);
});

test('requests refused together share one refresh, even when a 401 arrives after it', async () => {
  const calls = recordApiCalls();
  let expired: string | undefined;
  let refreshed = false;
  const late: Route[] = [];
  // Once the token lapses, every request still carrying it is refused. Polls in flight with it
  // get their 401 only once the refresh is done, as a slower request's would.
  await page.route(
    (url) => url.origin === gatewayUrl() && !url.pathname.startsWith('/auth/'),
    (route) => {
      const bearer = route.request().headers().authorization;
      if (expired === undefined || bearer !== `Bearer ${expired}`) return route.continue();
      if (!refreshed && new URL(route.request().url()).pathname === UNREAD) {
        late.push(route);
        return;
      }
      return refuseToken(route, opened.watch);
    },
  );
  await logIn(page, account);
  await page.getByText('1 task, all shown.').waitFor();
  await quiet();
  const from = calls.length;
  expired = gets(calls, '/tasks')[0]?.bearer;
  expect(expired).toEqual(expect.any(String));
  await until(() => late.length > 0, 'a poll with the lapsed token');

  await reloadListSorted();
  // The list's retry carries the new token: the refresh is over.
  await until(
    () => gets(calls.slice(from), '/tasks').some((c) => c.bearer !== expired),
    'the retried list',
  );
  refreshed = true;
  for (const route of late) await refuseToken(route, opened.watch);
  await page.getByText('1 task, all shown.').waitFor();
  await quiet();

  const after = calls.slice(from);
  expect(refreshes(after).map((c) => c.status)).toEqual([200]);
  const fresh = gets(after, '/tasks').find((c) => c.bearer !== expired)?.bearer;
  expect(fresh).toEqual(expect.any(String));
  const refused = after.filter((c) => c.bearer === expired);
  const retried = after.filter((c) => c.bearer === fresh);
  expect(refused.length + retried.length + 1).toBe(after.length);
  expect(refused.map((c) => c.status)).toEqual(refused.map(() => 401));
  expect(retried.map((c) => c.status)).toEqual(retried.map(() => 200));
  // Every refused request was sent once more (the polls go on besides).
  expect(gets(retried, '/tasks')).toHaveLength(1);
  expect(gets(refused, UNREAD).length).toBeGreaterThan(0);
  expect(gets(retried, UNREAD).length).toBeGreaterThanOrEqual(gets(refused, UNREAD).length);
});

test('a reload gets a new access token with the refresh token kept in sessionStorage', async () => {
  const calls = recordApiCalls();
  await logIn(page, account);
  await page.getByText('1 task, all shown.').waitFor();
  const stored = await storedRefreshToken();
  const before = gets(calls, '/tasks')[0]?.bearer;
  await quiet();
  const from = calls.length;

  await page.reload();
  await page.getByText('1 task, all shown.').waitFor();
  const after = calls.slice(from);
  // The access token was in memory only: the first call after the reload is the refresh.
  expect(after[0]).toMatchObject({ path: '/auth/refresh', refreshToken: stored, status: 200 });
  expect(refreshes(after)).toHaveLength(1);
  const list = gets(after, '/tasks');
  expect(list).toHaveLength(1);
  expect(list[0]?.bearer).not.toBe(before);
});

test('logging out forgets the access token in memory as well as the refresh token', async () => {
  const calls = recordApiCalls();
  await logIn(page, account);
  await page.getByText('1 task, all shown.').waitFor();
  const stored = await storedRefreshToken();

  await page.getByRole('link', { name: 'Log out' }).click();
  await page.getByText('You are logged out.').waitFor();
  const loggedOut = calls.length;
  expect(calls.filter((c) => c.path === '/auth/logout')).toMatchObject([
    { method: 'POST', refreshToken: stored, status: 204 },
  ]);
  expect(await storedRefreshToken()).toBeNull();
  await quiet();

  // Back to the list in the same document: only memory could still hold a token, and it does not.
  const marked = () => (globalThis as unknown as { sameDocument?: boolean }).sameDocument;
  await page.evaluate(() => {
    (globalThis as unknown as { sameDocument?: boolean }).sameDocument = true;
  });
  await page.goBack();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  expect(await page.evaluate(marked)).toBe(true);
  expect(new URL(page.url()).searchParams.get('next')).toBe('/tasks/');
  await page.waitForTimeout(1_500);
  expect(calls.slice(loggedOut)).toEqual([]);
  expect((await call('POST', '/auth/refresh', { json: { refreshToken: stored } })).status).toBe(
    401,
  );
});
