/** Setting up data over HTTP through the gateway, as any client would (never around it). */
import { randomUUID } from 'node:crypto';
import { gatewayUrl } from './browser';

export const PASSWORD = 'Browser-Passw0rd';

export interface Account {
  email: string;
  password: string;
  firstName: string;
  accessToken: string;
  refreshToken: string;
}

export async function call(
  method: string,
  path: string,
  options: { token?: string; json?: unknown } = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${gatewayUrl()}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

export async function registerAccount(label: string, firstName = 'Robin'): Promise<Account> {
  const email = uniqueEmail(label);
  const { status, body } = await call('POST', '/auth/register', {
    json: { email, password: PASSWORD, firstName, lastName: 'Tester' },
  });
  if (status !== 201) throw new Error(`register answered ${status}: ${JSON.stringify(body)}`);
  const tokens = body as { accessToken: string; refreshToken: string };
  return { email, password: PASSWORD, firstName, ...tokens };
}

export async function createTask(
  account: Account,
  task: { title: string; dueDate?: string; status?: string },
): Promise<{ taskId: string; version: number }> {
  const { status, body } = await call('POST', '/tasks', { token: account.accessToken, json: task });
  if (status !== 201) throw new Error(`POST /tasks answered ${status}: ${JSON.stringify(body)}`);
  return body as { taskId: string; version: number };
}

export async function completeTask(account: Account, taskId: string): Promise<void> {
  const { status, body } = await call('PATCH', `/tasks/${taskId}`, {
    token: account.accessToken,
    json: { status: 'completed' },
  });
  if (status !== 200) throw new Error(`PATCH answered ${status}: ${JSON.stringify(body)}`);
}

/** Waits until the account has this many unread notifications (the poller runs every second). */
export async function waitForUnread(account: Account, count: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = await call('GET', '/notifications/unread-count', {
      token: account.accessToken,
    });
    if ((body as { count: number }).count >= count) return;
    if (Date.now() > deadline) throw new Error(`no ${count} unread notifications within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
