/**
 * The signed-in session. The access token lives in memory only, so a script injected later
 * cannot find it in storage; the refresh token is in sessionStorage, so a reload (or a new
 * page of this static site) keeps the session while closing the tab ends it.
 */
import { API_BASE_URL } from '@/lib/config';
import { ApiError, isProblemBody } from './problem';
import type { Tokens } from './types';

const REFRESH_TOKEN_KEY = 'taskmgr.refreshToken';
// Refreshed this long before it expires, so no request leaves with a token about to lapse.
const EARLY_REFRESH_MS = 60_000;

let accessToken: string | undefined;
let expiresAt = 0;
let refreshing: Promise<string | undefined> | undefined;
const listeners = new Set<() => void>();

function storage(): Storage | undefined {
  return typeof window === 'undefined' ? undefined : window.sessionStorage;
}

export function storedRefreshToken(): string | undefined {
  return storage()?.getItem(REFRESH_TOKEN_KEY) ?? undefined;
}

export function hasSession(): boolean {
  return accessToken !== undefined || storedRefreshToken() !== undefined;
}

export function startSession(tokens: Tokens): void {
  accessToken = tokens.accessToken;
  expiresAt = Date.now() + tokens.expiresIn * 1000;
  storage()?.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
  notify();
}

export function endSession(): void {
  accessToken = undefined;
  expiresAt = 0;
  storage()?.removeItem(REFRESH_TOKEN_KEY);
  notify();
}

/** Called whenever the session starts or ends (a refused refresh ends it). */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** A usable access token, refreshed first when missing or about to expire. */
export async function validAccessToken(): Promise<string | undefined> {
  if (accessToken && Date.now() < expiresAt - EARLY_REFRESH_MS) return accessToken;
  return refreshAccessToken();
}

/**
 * One refresh at a time: concurrent callers share it. Undefined when the session is over.
 * `refused` is the token a 401 answered: if a refresh has replaced it since, the new token is
 * the answer, so requests refused together cost one refresh however late their 401s arrive.
 */
export function refreshAccessToken(refused?: string): Promise<string | undefined> {
  if (
    !refreshing &&
    refused !== undefined &&
    accessToken !== undefined &&
    accessToken !== refused
  ) {
    return validAccessToken();
  }
  refreshing ??= refresh().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

async function refresh(): Promise<string | undefined> {
  const refreshToken = storedRefreshToken();
  if (!refreshToken) return undefined;
  const response = await fetch(`${API_BASE_URL}/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    startSession(body as Tokens);
    return accessToken;
  }
  // Refused (revoked, expired): the session is over. Anything else may pass, so keep it.
  if (response.status === 400 || response.status === 401) {
    endSession();
    return undefined;
  }
  throw new ApiError(response.status, isProblemBody(body) ? body : {});
}
