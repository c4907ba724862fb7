/**
 * What the test files use: plain fetch against the gateway, as any client would, plus the
 * stack's control API for what a client cannot do (stop a service, run the due-reminder job).
 */
import { randomUUID } from 'node:crypto';
import type { ServiceId } from '@taskmgr/route-table';
import { ENV } from './protocol';

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the e2e project, whose global setup sets it`);
  return value;
}

export const gatewayUrl = (): string => required(ENV.gatewayUrl);

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, the text otherwise, undefined when empty. */
  body: unknown;
  text: string;
}

export interface CallOptions {
  token?: string;
  /** Sent as JSON with content-type application/json. */
  json?: unknown;
  /** Sent as it is (with whatever content type `headers` give). */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

export async function call(
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined = options.raw;
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${gatewayUrl()}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  let parsed: unknown = text === '' ? undefined : text;
  if (/json/.test(response.headers.get('content-type') ?? '') && text !== '') {
    parsed = JSON.parse(text);
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** The body as an object, for property access in assertions. */
export function bodyOf(response: ApiResponse): Record<string, unknown> {
  const { body } = response;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error(
      `expected a JSON object, got ${response.status}: ${response.text.slice(0, 300)}`,
    );
  }
  return body as Record<string, unknown>;
}

/** An RFC 9457 problem with this status, as every error through the gateway must be. */
export function expectProblem(response: ApiResponse, status: number): Record<string, unknown> {
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status}: ${response.text.slice(0, 500)}`);
  }
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = bodyOf(response);
  expect(problem).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  return problem;
}

export interface Session {
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export const PASSWORD = 'E2e-Passw0rd';

/** A new account with a unique address; auto-confirmed locally, so it comes with tokens. */
export async function registerUser(label: string, extra: Record<string, string> = {}) {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.com`;
  const response = await call('POST', '/auth/register', {
    json: { email, password: PASSWORD, firstName: label, lastName: 'Tester', ...extra },
  });
  if (response.status !== 201) {
    throw new Error(`register answered ${response.status}: ${response.text.slice(0, 300)}`);
  }
  const tokens = bodyOf(response);
  return {
    email,
    password: PASSWORD,
    accessToken: String(tokens.accessToken),
    refreshToken: String(tokens.refreshToken),
  } satisfies Session;
}

/** Retries `read` until `accept` passes or the time is up; returns the last value read. */
export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

async function control(path: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${required(ENV.controlUrl)}${path}`, {
    method: 'POST',
    headers: { 'x-control-token': required(ENV.controlToken) },
    signal: AbortSignal.timeout(150_000),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`control ${path} answered ${response.status}: ${body.error}`);
  return body;
}

/** Starting, stopping and killing services, and the one-shot job: the stack's side of things. */
export const stackControl = {
  stopService: (id: ServiceId) => control(`/services/${id}/stop`),
  killService: (id: ServiceId) => control(`/services/${id}/kill`),
  /** Resolves once the service answers its readiness probe again. */
  startService: (id: ServiceId) => control(`/services/${id}/start`),
  /** Runs `tsx services/notification-service/src/jobs/due-reminders.ts`; its exit code. */
  runDueReminderJob: async () => Number((await control('/jobs/due-reminders')).exitCode),
};
