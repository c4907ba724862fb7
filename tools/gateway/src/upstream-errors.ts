import { HttpProblem, problemType } from '@taskmgr/service-kit';

/** How long a client should wait before retrying a service that is down; a restart takes a few seconds. */
export const RETRY_AFTER_SECONDS = 5;

// The service is not there (stopped, restarting, crashed) or dropped the connection.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'FST_REPLY_FROM_TIMEOUT',
  'FST_REPLY_FROM_GATEWAY_TIMEOUT',
]);

/** Error codes from the proxy's error, its cause, and the cause's own causes. */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    if ('code' in current && typeof current.code === 'string') codes.push(current.code);
    // AggregateError: undici tries every address a host name resolves to.
    if (current instanceof AggregateError) {
      for (const inner of current.errors) codes.push(...errorCodes(inner));
    }
    current = 'cause' in current ? current.cause : undefined;
  }
  return codes;
}

export type UpstreamFailure = 'unavailable' | 'timeout' | 'bad-gateway';

export function classifyUpstreamError(error: unknown): UpstreamFailure {
  const codes = errorCodes(error);
  // A timeout is checked first: a connect timeout surfaces as both.
  if (codes.some((code) => code === 'UND_ERR_CONNECT_TIMEOUT')) return 'unavailable';
  if (codes.some((code) => TIMEOUT_CODES.has(code))) return 'timeout';
  if (codes.some((code) => UNREACHABLE_CODES.has(code))) return 'unavailable';
  return 'bad-gateway';
}

/**
 * The problem the client gets when the service behind a route failed to answer. Down → 503 with
 * Retry-After (the client may simply retry); too slow → 504, as API Gateway answers when an
 * integration times out; anything else → 502. The detail names the service, never the cause.
 */
export function upstreamProblem(serviceName: string, error: unknown): HttpProblem {
  switch (classifyUpstreamError(error)) {
    case 'unavailable':
      return new HttpProblem(
        503,
        'Service Unavailable',
        `The ${serviceName} is not reachable right now; retry in a few seconds`,
        { service: serviceName },
        {
          type: problemType('upstream-unavailable'),
          headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
        },
      );
    case 'timeout':
      return new HttpProblem(
        504,
        'Gateway Timeout',
        `The ${serviceName} did not answer in time`,
        { service: serviceName },
        { type: problemType('upstream-timeout') },
      );
    default:
      return new HttpProblem(
        502,
        'Bad Gateway',
        `The ${serviceName} failed to answer`,
        { service: serviceName },
        { type: problemType('upstream-failed') },
      );
  }
}
