/**
 * Inline validation: the messages under the fields are the API's own (problem+json `errors`),
 * focus moves to the first field at fault, and the forms work from the keyboard alone.
 */
import type { Browser } from 'playwright-core';
import { type Account, PASSWORD, registerAccount, uniqueEmail } from './support/api';
import { launch, type OpenedPage, openPage, webUrl } from './support/browser';
import type { BrowserGlobals } from './support/dom';
import { logIn } from './support/session';

let browser: Browser;
let opened: OpenedPage;
let account: Account;

beforeAll(async () => {
  browser = await launch();
  account = await registerAccount('forms', 'Grace');
});

beforeEach(async () => {
  opened = await openPage(browser);
});

afterEach(async () => {
  await opened.context.close();
  opened.watch.assertClean();
});

afterAll(async () => {
  await browser?.close();
});

async function focusedId(): Promise<string> {
  return opened.page.evaluate(
    () => (globalThis as unknown as BrowserGlobals).document.activeElement?.id ?? '',
  );
}

test('a wrong password is refused with the API’s message', async () => {
  const { page, watch } = opened;
  watch.expect('POST', /^\/auth\/login$/, 401);
  await page.goto(webUrl('/login/'));
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill('Not-the-passw0rd');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: 'Incorrect email address or password' })
    .waitFor();
  expect(new URL(page.url()).pathname).toBe('/login/');
});

test('a weak password gets the password policy under the field', async () => {
  const { page, watch } = opened;
  watch.expect('POST', /^\/auth\/register$/, 400);
  await page.goto(webUrl('/register/'));
  await page.getByLabel('First name').fill('Weak');
  await page.getByLabel('Last name').fill('Password');
  await page.getByLabel('Email').fill(uniqueEmail('weak'));
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  const message = page.locator('#password-error');
  await message.waitFor();
  expect(await message.textContent()).toMatch(/^Must have at least 8 characters/);
  expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByLabel('Password').getAttribute('aria-describedby')).toContain(
    'password-error',
  );
  expect(await focusedId()).toBe('password');

  // Corrected, the same form goes through.
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Your tasks' }).waitFor();
});

test('a blank task title gets the API’s message; corrected, the task is created', async () => {
  const { page, watch } = opened;
  await logIn(page, account);
  await page.getByRole('link', { name: '+ New task' }).click();
  watch.expect('POST', /^\/tasks$/, 400);
  // Spaces pass the browser's `required`, so the API is the one that refuses them.
  await page.getByLabel('Title').fill('   ');
  await page.getByRole('button', { name: 'Create task' }).click();
  const message = page.locator('#title-error');
  await message.waitFor();
  expect(await message.textContent()).toContain('Must be 1-200 characters after trimming');
  expect(await page.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
  expect(await focusedId()).toBe('title');
  await page.getByText('Please correct the fields marked below.').waitFor();

  await page.getByLabel('Title').fill('Write the report');
  await page.getByRole('button', { name: 'Create task' }).click();
  await page.getByRole('heading', { name: 'Write the report' }).waitFor();
});

test('a malformed phone number is refused under the phone field', async () => {
  const { page, watch } = opened;
  await logIn(page, account);
  await page.getByRole('link', { name: 'Profile', exact: true }).click();
  await page.getByLabel('Phone number').fill('12345');
  watch.expect('PATCH', /^\/users\/me$/, 400);
  await page.getByRole('button', { name: 'Save profile' }).click();
  const message = page.locator('#phoneNumber-error');
  await message.waitFor();
  expect(await message.textContent()).toContain('Must be in international format');
  expect(await focusedId()).toBe('phoneNumber');
  expect(await page.getByLabel('SMS').isDisabled()).toBe(true);
});

test('a due range that ends before it starts is refused under the filter', async () => {
  const { page, watch } = opened;
  await logIn(page, account);
  watch.expect('GET', /^\/tasks$/, 400);
  await page.getByLabel('Due from').fill('2030-05-10');
  await page.getByLabel('Due until').fill('2030-05-01');
  await page.getByRole('button', { name: 'Apply' }).click();
  const message = page.locator('#dueAfter-error');
  await message.waitFor();
  expect(await message.textContent()).toContain('Must be earlier than dueBefore');
});

test('logging in works from the keyboard alone, with a visible focus ring', async () => {
  const { page } = opened;
  await page.goto(webUrl('/login/'));
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  // The first Tab reaches the skip link, which appears when focused.
  await page.keyboard.press('Tab');
  expect(
    await page.evaluate(
      () => (globalThis as unknown as BrowserGlobals).document.activeElement?.textContent,
    ),
  ).toBe('Skip to content');
  for (let i = 0; i < 10 && (await focusedId()) !== 'email'; i += 1) {
    await page.keyboard.press('Tab');
  }
  expect(await focusedId()).toBe('email');
  const ring = await page.evaluate(() => {
    const page = globalThis as unknown as BrowserGlobals;
    const style = page.getComputedStyle(page.document.activeElement);
    return { style: style.outlineStyle, width: style.outlineWidth };
  });
  expect(ring).toEqual({ style: 'solid', width: '3px' });
  await page.keyboard.type(account.email);
  await page.keyboard.press('Tab');
  expect(await focusedId()).toBe('password');
  await page.keyboard.type(account.password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Your tasks' }).waitFor();
});
