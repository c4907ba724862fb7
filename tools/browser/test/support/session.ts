import type { Page } from 'playwright-core';
import type { Account } from './api';
import { webUrl } from './browser';

/** Logs in through the login page and waits for the task list. */
export async function logIn(page: Page, account: Pick<Account, 'email' | 'password'>) {
  await page.goto(webUrl('/login/'));
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Your tasks' }).waitFor();
}
