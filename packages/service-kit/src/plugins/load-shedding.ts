import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';
import { HttpProblem } from '../errors/http-problem';
import '../route-config';

export interface LoadSheddingOptions {
  /** 0 disables each check. */
  maxEventLoopDelayMs: number;
  maxEventLoopUtilization: number;
  maxHeapUsedBytes: number;
  maxRssBytes: number;
  retryAfterSeconds?: number;
  /** How often the process is sampled; the plugin's default is one second. */
  sampleIntervalMs?: number;
}

/**
 * Answers 503 problem+json while the event loop or memory is saturated, so a struggling task
 * sheds load instead of timing everything out. Routes flagged `loadShedding: false` (liveness)
 * keep answering.
 */
export const loadSheddingPlugin = fp<LoadSheddingOptions>(
  async (app, options) => {
    const retryAfter = options.retryAfterSeconds ?? 10;
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs,
      maxEventLoopUtilization: options.maxEventLoopUtilization,
      // Per sample, not averaged since start-up, which would dull the check as uptime grows.
      eventLoopUtilizationMode: 'interval',
      maxHeapUsedBytes: options.maxHeapUsedBytes,
      maxRssBytes: options.maxRssBytes,
      ...(options.sampleIntervalMs ? { sampleInterval: options.sampleIntervalMs } : {}),
      retryAfter,
      exposeStatusRoute: false,
      // A rejected promise reaches the central error handler, which writes the problem.
      pressureHandler: async (request, reply, type, value) => {
        if (request.routeOptions.config.loadShedding === false) return;
        request.log.warn({ pressure: type, value }, 'shedding load');
        reply.header('retry-after', String(retryAfter));
        throw HttpProblem.of(503, 'The service is overloaded; retry later');
      },
    });
  },
  { name: 'service-kit/load-shedding', fastify: '5.x' },
);
