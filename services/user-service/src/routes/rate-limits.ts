// Brings in the type of the `createRateLimit` decorator the kit's rate-limit plugin adds.
import type {} from '@fastify/rate-limit';
import {
  HttpProblem,
  keyFromBodyField,
  routeRateLimit,
  type ServiceApp,
} from '@taskmgr/service-kit';
import type { preHandlerAsyncHookHandler } from 'fastify';
import type { RateLimitSettings } from '../config';

/** For a route's `config.rateLimit`: counted per client IP before the body is even parsed. */
export function perIpRateLimit(settings: RateLimitSettings) {
  return routeRateLimit({ max: settings.perIp, timeWindow: settings.windowMs });
}

/**
 * A second, per-email limit for the same route, so credential stuffing against one account is
 * capped whichever IPs it comes from. @fastify/rate-limit runs one limiter per route and
 * request, so this one is applied by hand as a preHandler (after validation, on the normalised
 * address). Each call makes a limiter with its own counters.
 */
export function perEmailRateLimit(
  app: ServiceApp,
  settings: RateLimitSettings,
): preHandlerAsyncHookHandler {
  const limit = app.createRateLimit({
    max: settings.perEmail,
    timeWindow: settings.windowMs,
    keyGenerator: keyFromBodyField('email'),
  });
  return async (request) => {
    const outcome = await limit(request);
    if (outcome.isAllowed || !outcome.isExceeded) return;
    throw HttpProblem.of(
      429,
      `Too many attempts for this email address; retry in ${outcome.ttlInSeconds} s`,
      undefined,
      { headers: { 'retry-after': String(outcome.ttlInSeconds) } },
    );
  };
}
