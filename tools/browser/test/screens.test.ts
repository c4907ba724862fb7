/**
 * The main pages at 375 px (a phone) and 1280 px (a laptop): nothing scrolls sideways, the
 * navigation fits, and a screenshot of each goes to artifacts/screenshots/ for a person to see.
 * Also "load more", which needs more tasks than one page holds.
 */
import type { Browser, Page } from 'playwright-core';
import {
  type Account,
  completeTask,
  createTask,
  registerAccount,
  waitForUnread,
} from './support/api';
import {
  assertNoHorizontalScroll,
  DESKTOP,
  launch,
  MOBILE,
  noonTimeZone,
  type OpenedPage,
  openPage,
  screenshot,
  webUrl,
} from './support/browser';
import { logIn } from './support/session';

const HOUR = 3_600_000;

let browser: Browser;
let account: Account;
let overdueTaskId: string;

beforeAll(async () => {
  browser = await launch();
  account = await registerAccount('screens', 'Margaret');
  const now = Date.now();
  const iso = (offset: number) => new Date(now + offset).toISOString();
  overdueTaskId = (
    await createTask(account, {
      title: 'Renew the passport before the trip abroad',
      dueDate: iso(-30 * HOUR),
    })
  ).taskId;
  await createTask(account, { title: 'Call the plumber', dueDate: iso(2 * HOUR) });
  await createTask(account, {
    title: 'Water the plants',
    dueDate: iso(20 * HOUR),
    status: 'in_progress',
  });
  await createTask(account, { title: 'Plan the holiday', dueDate: iso(5 * 24 * HOUR) });
  await createTask(account, { title: 'Read a book' });
  const done = await createTask(account, { title: 'Buy groceries', dueDate: iso(-2 * HOUR) });
  await completeTask(account, done.taskId);
  await waitForUnread(account, 1);
});

afterAll(async () => {
  await browser?.close();
});

/** The main navigation's five links sit on one row, inside the viewport. */
async function assertNavigationFits(page: Page): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  const boxes = await page
    .getByRole('navigation', { name: 'Main' })
    .locator('a')
    .evaluateAll((links) =>
      links.map((l) => ({
        top: l.getBoundingClientRect().top,
        right: l.getBoundingClientRect().right,
      })),
    );
  expect(boxes.length).toBe(5);
  for (const box of boxes) {
    expect(box.right).toBeLessThanOrEqual(width);
    expect(box.top).toBe(boxes[0]?.top);
  }
}

describe.each([
  ['phone', MOBILE],
  ['laptop', DESKTOP],
])('at %s width', (_name, viewport) => {
  let opened: OpenedPage;
  let page: Page;

  beforeAll(async () => {
    opened = await openPage(browser, viewport);
    page = opened.page;
  });

  afterAll(async () => {
    await opened.context.close();
  });

  afterEach(async () => {
    await assertNoHorizontalScroll(page);
    opened.watch.assertClean();
  });

  test('login and register', async () => {
    await page.goto(webUrl('/register/'));
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await screenshot(page, 'register');
    await assertNoHorizontalScroll(page);
    await page.goto(webUrl('/login/'));
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await screenshot(page, 'login');
  });

  test('task list', async () => {
    await logIn(page, account);
    await page.getByText('6 tasks, all shown.').waitFor();
    await assertNavigationFits(page);
    await screenshot(page, 'tasks');
  });

  test('task detail', async () => {
    await page.goto(webUrl(`/tasks/view/?id=${overdueTaskId}`));
    await page
      .getByRole('heading', { name: 'Renew the passport before the trip abroad' })
      .waitFor();
    expect(await page.locator('[data-due]').textContent()).toContain('Overdue');
    await screenshot(page, 'task-detail');
  });

  test('new task with a validation message', async () => {
    await page.goto(webUrl('/tasks/new/'));
    await page.getByRole('heading', { name: 'New task' }).waitFor();
    opened.watch.expect('POST', /^\/tasks$/, 400);
    await page.getByLabel('Title').fill(' ');
    await page.getByRole('button', { name: 'Create task' }).click();
    await page.locator('#title-error').waitFor();
    await screenshot(page, 'task-new-invalid');
  });

  test('calendar', async () => {
    await page.goto(webUrl('/calendar/'));
    await page.getByRole('heading', { name: 'Calendar' }).waitFor();
    await page.locator('.day-panel .task-item', { hasText: 'Call the plumber' }).waitFor();
    await screenshot(page, 'calendar');
  });

  test('notifications', async () => {
    await page.goto(webUrl('/notifications/'));
    await page.locator('li.inbox-item', { hasText: 'Buy groceries' }).waitFor();
    await page.getByRole('link', { name: /^Notifications, 1 unread/ }).waitFor();
    await screenshot(page, 'notifications');
  });

  test('profile', async () => {
    await page.goto(webUrl('/profile/'));
    await page.getByLabel('Phone number').waitFor();
    await screenshot(page, 'profile');
  });
});

test('"Load more" fetches the next page with the API’s cursor', async () => {
  const busy = await registerAccount('many', 'Alan');
  for (let i = 1; i <= 23; i += 1) {
    await createTask(busy, { title: `Task number ${String(i).padStart(2, '0')}` });
  }
  const opened = await openPage(browser);
  const { page } = opened;
  try {
    await logIn(page, busy);
    await page.locator('li.task-item').nth(19).waitFor();
    expect(await page.locator('li.task-item').count()).toBe(20);
    // Newest first: the first page ends at task 04.
    expect(await page.locator('li.task-item .task-title').last().textContent()).toBe(
      'Task number 04',
    );
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText('23 tasks, all shown.').waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(await page.locator('li.task-item .task-title').last().textContent()).toBe(
      'Task number 01',
    );
    opened.watch.assertClean();
  } finally {
    await opened.context.close();
  }
});

test('the page time zone puts now near noon, so due-today tasks stay today', () => {
  const { offsetHours } = noonTimeZone(new Date('2030-01-01T23:30:00Z'));
  expect(offsetHours).toBe(-11);
  expect(noonTimeZone(new Date('2030-01-01T00:10:00Z')).timezoneId).toBe('Etc/GMT-12');
});
