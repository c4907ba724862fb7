/**
 * One person's session, start to finish, in a real browser against the whole stack: register,
 * create tasks due at different times, read the indicators and the calendar, complete a task
 * and watch its notification arrive, read it, change preferences, log out.
 */
import type { Browser, Page } from 'playwright-core';
import { call, PASSWORD, uniqueEmail } from './support/api';
import {
  launch,
  localDate,
  localInputValue,
  type OpenedPage,
  openPage,
  webUrl,
} from './support/browser';
import type { BrowserGlobals } from './support/dom';

const HOUR = 3_600_000;

let browser: Browser;
let opened: OpenedPage;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  opened = await openPage(browser);
  page = opened.page;
});

afterAll(async () => {
  await browser?.close();
});

// Every step's page must stay free of console errors and failed requests.
afterEach(() => opened.watch.assertClean());

const email = uniqueEmail('journey');
const now = new Date();
const TASKS = [
  { title: 'Pay the overdue invoice', due: new Date(now.getTime() - 26 * HOUR), label: 'Overdue' },
  { title: 'Call the plumber', due: new Date(now.getTime() + 2 * HOUR), label: 'Due today' },
  { title: 'Water the plants', due: new Date(now.getTime() + 20 * HOUR), label: 'Due within 24 h' },
  { title: 'Plan the holiday', due: new Date(now.getTime() + 4 * 24 * HOUR), label: 'Due later' },
];

/** The titles in the list once they are these (a new query first shows its loading state). */
async function waitForTitles(expected: string[]): Promise<string[]> {
  const titles = page.locator('li.task-item .task-title');
  let seen: string[] = [];
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
    seen = await titles.allTextContents();
    if (JSON.stringify(seen) === JSON.stringify(expected)) break;
    await page.waitForTimeout(100);
  }
  return seen;
}

function taskRow(title: string) {
  return page.locator('li.task-item', {
    has: page.getByRole('link', { name: title, exact: true }),
  });
}

test('registering lands on an empty task list', async () => {
  await page.goto(webUrl('/'));
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.getByRole('link', { name: 'Register' }).first().click();
  await page.getByRole('heading', { name: 'Create your account' }).waitFor();
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Lovelace');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Your tasks' }).waitFor();
  await page.getByText('You have no tasks yet.').waitFor();
  expect(new URL(page.url()).pathname).toBe('/tasks/');
});

test('tasks created with due dates show overdue, due today, within 24 h and later', async () => {
  for (const task of TASKS) {
    await page.getByRole('link', { name: '+ New task' }).click();
    await page.getByRole('heading', { name: 'New task' }).waitFor();
    await page.getByLabel('Title').fill(task.title);
    await page.getByLabel('Description').fill(`About: ${task.title.toLowerCase()}.`);
    await page.getByLabel('Due date').fill(localInputValue(task.due, opened.offsetHours));
    await page.getByRole('button', { name: 'Create task' }).click();
    await page.getByRole('heading', { name: task.title }).waitFor();
    expect(await page.locator('[data-due]').textContent()).toContain(task.label);
    await page.getByRole('link', { name: '← All tasks' }).click();
    await page.getByRole('heading', { name: 'Your tasks' }).waitFor();
  }
  await taskRow(TASKS[0]?.title ?? '').waitFor();
  for (const task of TASKS) {
    const row = taskRow(task.title);
    expect(await row.locator('[data-due]').textContent()).toContain(task.label);
    expect(await row.locator('[data-status]').textContent()).toContain('Pending');
  }
});

test('filters and sorting narrow and order the list', async () => {
  await page.getByLabel('Sort by').selectOption('dueDate');
  await page.getByLabel('Order').selectOption('asc');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL(/sort=dueDate/);
  expect(await waitForTitles(TASKS.map((t) => t.title))).toEqual(TASKS.map((t) => t.title));

  // "Due from" and "Due until" are whole days in the browser's time zone: today only.
  const today = localDate(now, opened.offsetHours);
  await page.getByLabel('Due from').fill(today);
  await page.getByLabel('Due until').fill(today);
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('1 task, all shown.').waitFor();
  expect(await waitForTitles(['Call the plumber'])).toEqual(['Call the plumber']);

  await page.getByRole('link', { name: 'Clear' }).click();
  await page.waitForURL((url) => url.search === '');
  await page.getByText('4 tasks, all shown.').waitFor();
  await page.getByLabel('Status').selectOption('completed');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('No tasks match these filters.').waitFor();
  await page.getByRole('link', { name: 'Clear' }).click();
  await page.getByText('4 tasks, all shown.').waitFor();
});

test('the calendar shows each task on its due day', async () => {
  await page.getByRole('link', { name: 'Calendar', exact: true }).click();
  await page.getByRole('heading', { name: 'Calendar' }).waitFor();
  const todayCell = page.locator(`td[data-day="${localDate(now, opened.offsetHours)}"]`);
  await todayCell.locator('.chip', { hasText: 'Call the plumber' }).waitFor();
  // Today is selected: its tasks are listed under the grid as links.
  await page
    .getByRole('list', { name: /^Tasks due/ })
    .getByRole('link', { name: 'Call the plumber' })
    .waitFor();

  const later = TASKS[3];
  if (!later) throw new Error('no later task');
  const laterDay = localDate(later.due, opened.offsetHours);
  if (laterDay.slice(0, 7) !== localDate(now, opened.offsetHours).slice(0, 7)) {
    await page.getByRole('link', { name: 'Next month' }).click();
    await page.waitForURL(new RegExp(`month=${laterDay.slice(0, 7)}`));
  }
  await page.locator(`td[data-day="${laterDay}"] button`).click();
  await page
    .getByRole('list', { name: /^Tasks due/ })
    .getByRole('link', { name: later.title })
    .waitFor();
});

test('completing a task marks it done and its notification reaches the bell and the inbox', async () => {
  await page.getByRole('link', { name: 'Tasks', exact: true }).click();
  await taskRow('Call the plumber').getByRole('link').click();
  await page.getByRole('heading', { name: 'Call the plumber' }).waitFor();
  await page.getByRole('button', { name: 'Mark complete' }).click();
  await page.locator('[data-status="completed"]').waitFor();
  expect(await page.locator('[data-due]').count()).toBe(0);
  await page.getByText('Completed', { exact: true }).first().waitFor();

  // The completion poller runs every second and this build polls the count every second.
  await page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('unread-count').textContent()).toBe('1');

  await page.getByRole('link', { name: 'Tasks', exact: true }).click();
  const done = taskRow('Call the plumber');
  await done.waitFor();
  expect(await done.getAttribute('class')).toContain('completed');
  const decoration = await done
    .locator('.task-title')
    .evaluate(
      (el) => (globalThis as unknown as BrowserGlobals).getComputedStyle(el).textDecorationLine,
    );
  expect(decoration).toContain('line-through');
});

test('the inbox lists the notification; marking it read clears the bell', async () => {
  await page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
  await page.getByRole('heading', { name: 'Notifications' }).waitFor();
  const item = page.locator('li.inbox-item', { hasText: 'Call the plumber' });
  await item.waitFor();
  expect(await item.getAttribute('class')).toContain('unread');
  expect(await item.textContent()).toContain('was completed on');

  await item.getByRole('button', { name: 'Mark “Call the plumber” read' }).click();
  await item.getByText('Read', { exact: true }).waitFor();
  await page.getByRole('link', { name: 'Notifications, 0 unread' }).waitFor();
  expect(await page.getByTestId('unread-count').count()).toBe(0);
});

test('editing and deleting a task', async () => {
  await page.getByRole('link', { name: 'Tasks', exact: true }).click();
  await taskRow('Water the plants').getByRole('link').click();
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('heading', { name: 'Edit task' }).waitFor();
  expect(await page.getByLabel('Title').inputValue()).toBe('Water the plants');
  await page.getByLabel('Title').fill('Water the plants and the herbs');
  await page.getByLabel('Status').selectOption('in_progress');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { name: 'Water the plants and the herbs' }).waitFor();
  expect(await page.locator('[data-status]').textContent()).toContain('In progress');

  await page.getByRole('link', { name: '← All tasks' }).click();
  await taskRow('Plan the holiday').getByRole('link').click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByText('The task was deleted.').waitFor();
  await page.getByText('3 tasks, all shown.').waitFor();
  expect(await taskRow('Plan the holiday').count()).toBe(0);
});

test('"Mark all read" clears every unread notification', async () => {
  await taskRow('Water the plants and the herbs').getByRole('link').click();
  await page.getByRole('button', { name: 'Mark complete' }).click();
  await page.locator('[data-status="completed"]').waitFor();
  await page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
  await page
    .locator('li.inbox-item.unread', { hasText: 'Water the plants and the herbs' })
    .waitFor();
  expect(await page.locator('li.inbox-item').count()).toBe(2);
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await page.getByRole('link', { name: 'Notifications, 0 unread' }).waitFor();
  expect(await page.locator('li.inbox-item.unread').count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true);
});

test('profile and preferences: SMS stays off until a phone number is saved', async () => {
  await page.getByRole('link', { name: 'Profile', exact: true }).click();
  await page.getByRole('heading', { name: 'Profile and preferences' }).waitFor();
  const sms = page.getByLabel('SMS');
  expect(await sms.isDisabled()).toBe(true);
  expect(await page.getByLabel('First name').inputValue()).toBe('Ada');

  await page.getByLabel('Phone number').fill('+14155550123');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Profile saved.').waitFor();
  expect(await sms.isEnabled()).toBe(true);

  await sms.check();
  await page.getByLabel('Email').uncheck();
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await page.getByText('Notification preferences saved.').waitFor();

  // A reload keeps the session (the refresh token) and shows what the API stored.
  await page.reload();
  await page.getByRole('heading', { name: 'Profile and preferences' }).waitFor();
  await page.getByLabel('Phone number').waitFor();
  expect(await page.getByLabel('Phone number').inputValue()).toBe('+14155550123');
  expect(await page.getByLabel('SMS').isChecked()).toBe(true);
  expect(await page.getByLabel('Email').isChecked()).toBe(false);
});

test('logging out ends the session in the browser and at the API', async () => {
  const refreshToken = await page.evaluate(() =>
    (globalThis as unknown as BrowserGlobals).sessionStorage.getItem('taskmgr.refreshToken'),
  );
  expect(refreshToken).toEqual(expect.any(String));
  await page.getByRole('link', { name: 'Log out' }).click();
  await page.getByText('You are logged out.').waitFor();
  expect(
    await page.evaluate(() => (globalThis as unknown as BrowserGlobals).sessionStorage.length),
  ).toBe(0);

  // The API revoked it: the token cannot be refreshed any more.
  const refreshed = await call('POST', '/auth/refresh', { json: { refreshToken } });
  expect(refreshed.status).toBe(401);

  await page.goto(webUrl('/tasks/'));
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  expect(new URL(page.url()).searchParams.get('next')).toBe('/tasks/');
});
