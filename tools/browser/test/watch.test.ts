/** The watch every browser test relies on really notices what it is meant to. */
import type { Browser } from 'playwright-core';
import { launch, type OpenedPage, openPage, webUrl } from './support/browser';

let browser: Browser;
let opened: OpenedPage;

beforeAll(async () => {
  browser = await launch();
});

beforeEach(async () => {
  opened = await openPage(browser);
});

afterEach(async () => {
  await opened.context.close();
});

afterAll(async () => {
  await browser?.close();
});

/** Events arrive asynchronously: gives them a moment, then reads what the watch says. */
async function failuresAfterSettling(): Promise<string[]> {
  await opened.page.waitForTimeout(500);
  try {
    opened.watch.assertClean();
    return [];
  } catch (error) {
    return [String(error)];
  }
}

test('an unexpected HTTP error and a console error fail the test', async () => {
  const { page } = opened;
  await page.goto(webUrl('/no-such-page/'));
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await page.evaluate(() => console.error('something broke'));
  const failures = await failuresAfterSettling();
  expect(failures).toHaveLength(1);
  expect(failures[0]).toMatch(/HTTP 404: GET .*\/no-such-page\//);
  expect(failures[0]).toMatch(/console error: something broke/);
});

test('an HTTP error the test expects does not', async () => {
  const { page, watch } = opened;
  watch.expect('GET', /^\/no-such-page\/$/, 404);
  await page.goto(webUrl('/no-such-page/'));
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  expect(await failuresAfterSettling()).toEqual([]);
});

test('an expected HTTP error that never happens fails the test', async () => {
  const { page, watch } = opened;
  watch.expect('POST', /^\/tasks$/, 400);
  await page.goto(webUrl('/login/'));
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  const failures = await failuresAfterSettling();
  expect(failures).toHaveLength(1);
  expect(failures[0]).toMatch(/expected but not seen: POST/);
});

test('a request that never gets an answer fails the test', async () => {
  const { page } = opened;
  await page.goto(webUrl('/login/'));
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  // Port 9 (discard) is closed here: the connection is refused, no status ever arrives.
  await page.evaluate(() => fetch('http://127.0.0.1:9/tasks').catch(() => undefined));
  const failures = await failuresAfterSettling();
  expect(failures).toHaveLength(1);
  expect(failures[0]).toMatch(/request failed: GET http:\/\/127\.0\.0\.1:9\/tasks \(net::ERR_/);
});

test('a request the old page starts while the next page loads, cancelled by it, does not', async () => {
  const { page } = opened;
  await page.goto(webUrl('/login/'));
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  // The next document is held back, so the old page still runs after the navigation started;
  // what it starts then gets no answer, and committing the new page cancels it.
  await page.route('**/register/', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue();
  });
  await page.route('**/never-answers', () => undefined);
  await page.evaluate(() => {
    setTimeout(() => void fetch('/never-answers').catch(() => undefined), 300);
  });
  await page.goto(webUrl('/register/'));
  await page.getByRole('heading', { name: 'Create your account' }).waitFor();
  const failures = await failuresAfterSettling();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  expect(failures).toEqual([]);
});
