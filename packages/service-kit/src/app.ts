import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  FastifyPluginAsyncTypebox,
  TypeBoxTypeProvider,
} from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawServerDefault,
} from 'fastify';
import type { DestinationStream } from 'pino';
import type { ServiceConfig } from './config';
import type { DomainErrorStatusMap } from './errors/domain-errors';
import { createServiceLogger, ServiceLogController } from './logger';
import { errorHandlerPlugin, handleFrameworkError } from './plugins/error-handler';
import { loadSheddingPlugin } from './plugins/load-shedding';
import { type OpenApiTag, openApiPlugin } from './plugins/openapi';
import { rateLimitPlugin } from './plugins/rate-limit';
import { requestIdPlugin } from './plugins/request-id';
import { securityHeadersPlugin } from './plugins/security-headers';
import type { ReadinessCheck } from './readiness';
import { generateRequestId } from './request-id';
import { healthRoutes } from './routes/health';
import { createValidatorCompiler } from './validator-compiler';

/** The Fastify instance every service runs: TypeBox-typed routes, pino logger. */
export type ServiceApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A service's routes, registered last so every kit hook and handler applies to them. */
export type ServiceRoutes = FastifyPluginAsyncTypebox;

export interface BuildServiceAppOptions {
  /** Service name, e.g. `task-service`: the OpenAPI title and a field on every log line. */
  name: string;
  version: string;
  config: ServiceConfig;
  routes: ServiceRoutes;
  readinessChecks?: ReadinessCheck[];
  /** Where log lines go (stdout by default); tests pass a stream that collects them. */
  loggerDestination?: DestinationStream;
  openapi?: { description?: string; tags?: OpenApiTag[] };
  /** Additions to the domain error code → status table, e.g. `{ QUOTA_EXCEEDED: 422 }`. */
  domainErrorStatus?: DomainErrorStatusMap;
  /** Sampling period for load shedding; tests shorten it. */
  loadSheddingSampleIntervalMs?: number;
}

/**
 * Builds a service's Fastify app, ready for `inject` in tests or `startService` in production.
 * Registration order matters: request ids and security hooks must see every request, the
 * error handler and OpenAPI collector must exist before any route, the service's routes last.
 */
export async function buildServiceApp(options: BuildServiceAppOptions): Promise<ServiceApp> {
  const { config } = options;
  const app = Fastify<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger>({
    loggerInstance: createServiceLogger({
      name: options.name,
      version: options.version,
      level: config.LOG_LEVEL,
      ...(options.loggerDestination ? { destination: options.loggerDestination } : {}),
    }),
    logController: new ServiceLogController(),
    genReqId: generateRequestId,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Trust exactly the proxies in front of us, so request.ip (the rate-limit key) is the client.
    trustProxy: (_address: string, hop: number) => hop < config.TRUST_PROXY_HOPS,
    frameworkErrors: handleFrameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(createValidatorCompiler());
  // JSON only: a text/plain body is a 415, not a string that fails validation.
  app.removeContentTypeParser('text/plain');

  // Request id first, so even load-shedding and CORS rejections carry the header.
  await app.register(requestIdPlugin);
  await app.register(securityHeadersPlugin, {
    corsOrigins: config.CORS_ORIGINS,
    production: config.NODE_ENV === 'production',
  });
  await app.register(loadSheddingPlugin, {
    maxEventLoopDelayMs: config.PRESSURE_MAX_EVENT_LOOP_DELAY_MS,
    maxEventLoopUtilization: config.PRESSURE_MAX_EVENT_LOOP_UTILIZATION,
    maxHeapUsedBytes: config.PRESSURE_MAX_HEAP_USED_BYTES,
    maxRssBytes: config.PRESSURE_MAX_RSS_BYTES,
    ...(options.loadSheddingSampleIntervalMs
      ? { sampleIntervalMs: options.loadSheddingSampleIntervalMs }
      : {}),
  });
  await app.register(rateLimitPlugin);
  await app.register(errorHandlerPlugin, {
    ...(options.domainErrorStatus ? { domainErrorStatus: options.domainErrorStatus } : {}),
  });
  await app.register(openApiPlugin, {
    title: options.name,
    version: options.version,
    ...options.openapi,
  });
  await app.register(healthRoutes, { readinessChecks: options.readinessChecks ?? [] });
  await app.register(options.routes);
  return app;
}
