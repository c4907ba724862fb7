import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

export type RateLimitKey = (request: FastifyRequest) => string | Promise<string>;

export interface RouteRateLimitOptions {
  /** Requests allowed per window and key. */
  max: number;
  /** Milliseconds or a string such as '1 minute'. */
  timeWindow: number | string;
  /** Defaults to the client IP (honouring TRUST_PROXY_HOPS). */
  key?: RateLimitKey;
}

/**
 * A route's rate limit: `config: { rateLimit: routeRateLimit({ max: 5, timeWindow: '1 minute',
 * key: keyFromBodyField('email') }) }`. A custom key runs after validation (preHandler) so it can
 * read the parsed body; the IP key runs first thing (onRequest), before any parsing work.
 */
export function routeRateLimit(options: RouteRateLimitOptions): RateLimitOptions {
  const { key, max, timeWindow } = options;
  return key ? { max, timeWindow, keyGenerator: key, hook: 'preHandler' } : { max, timeWindow };
}

/**
 * Keys by a string body field, lower-cased (an email address), so a credential-stuffing run
 * against one account is limited whichever IPs it comes from. Falls back to the IP.
 */
export function keyFromBodyField(field: string): RateLimitKey {
  return (request) => {
    const body = request.body;
    const value =
      typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>)[field]
        : undefined;
    return typeof value === 'string' && value.length > 0
      ? `${field}:${value.trim().toLowerCase()}`
      : `ip:${request.ip}`;
  };
}
