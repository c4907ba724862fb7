import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { HttpProblem } from '../errors/http-problem';

/**
 * Rate limiting is opt-in per route (`config: { rateLimit: routeRateLimit(...) }`): most routes
 * sit behind the JWT authorizer, while auth routes need tight per-IP or per-email limits.
 * Counters live in process memory, so each task enforces its own limit.
 */
export const rateLimitPlugin = fp(
  async (app) => {
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) =>
        context.ban
          ? HttpProblem.of(403, 'Too many requests; access is blocked for now')
          : HttpProblem.of(429, `Rate limit exceeded; retry in ${context.after}`),
    });
  },
  { name: 'service-kit/rate-limit', fastify: '5.x' },
);
