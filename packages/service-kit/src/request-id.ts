import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';

// Bounded and log-safe: a caller cannot inject newlines, JSON or megabytes into every log line.
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function isValidRequestId(value: unknown): value is string {
  return typeof value === 'string' && VALID_REQUEST_ID.test(value);
}

/** Fastify `genReqId`: keep the caller's id when it is well formed, otherwise mint a UUID. */
export function generateRequestId(raw: IncomingMessage): string {
  const incoming = raw.headers[REQUEST_ID_HEADER];
  return isValidRequestId(incoming) ? incoming : randomUUID();
}

/**
 * Headers for an outgoing service-to-service call, so the callee logs under the same id:
 * `fetch(url, { headers: { ...requestIdHeaders(request), ... } })`.
 */
export function requestIdHeaders(request: Pick<FastifyRequest, 'id'>): Record<string, string> {
  return { [REQUEST_ID_HEADER]: request.id };
}
