/**
 * Typed clients for the gateway, generated from its merged OpenAPI document: `publicApi` for
 * /auth, `api` for everything that needs the signed-in user's access token.
 */
import createClient from 'openapi-fetch';
import { API_BASE_URL } from '@/lib/config';
import { ApiError, isProblemBody, type ProblemBody } from './problem';
import type { paths } from './schema';
import { refreshAccessToken, validAccessToken } from './session';

const SESSION_OVER: ProblemBody = {
  status: 401,
  title: 'Unauthorized',
  detail: 'Your session has ended. Please log in again.',
};

/** Adds the access token; on a 401 refreshes it once and sends the request again. */
async function authorizedFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const token = await validAccessToken();
  if (!token) throw new ApiError(401, SESSION_OVER);
  request.headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(request);
  if (response.status !== 401) return response;
  const fresh = await refreshAccessToken(token);
  if (!fresh) throw new ApiError(401, SESSION_OVER);
  retry.headers.set('authorization', `Bearer ${fresh}`);
  return fetch(retry);
}

export const publicApi = createClient<paths>({ baseUrl: API_BASE_URL });
export const api = createClient<paths>({ baseUrl: API_BASE_URL, fetch: authorizedFetch });

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful call; otherwise throws an ApiError carrying the problem. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new ApiError(response.status, isProblemBody(error) ? error : {});
}

/** The quoted ETag form of a version, for If-Match. */
export function ifMatch(version: number): string {
  return `"${version}"`;
}
