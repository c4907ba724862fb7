/**
 * The local gateway: one port standing in for API Gateway and the ALB. It forwards each request
 * to the service the route table names, streaming bodies untouched, and answers by itself only
 * for what no service owns: unknown routes (404), a service that is down (503), its own health
 * probes and the merged API docs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import replyFrom from '@fastify/reply-from';
import { packageVersion } from '@taskmgr/config';
import type { ServiceId } from '@taskmgr/route-table';
import {
  BLANK_PROBLEM_TYPE,
  generateRequestId,
  HttpProblem,
  REQUEST_ID_HEADER,
  sendProblem,
  toProblem,
} from '@taskmgr/service-kit';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import type { DestinationStream, LevelWithSilent } from 'pino';
import { registerDocsRoutes } from './docs/docs-routes';
import { MergedDocs } from './docs/merged-docs';
import { healthRoutes } from './health-routes';
import { GatewayLogController } from './log-controller';
import { createGatewayLogger } from './logger';
import { proxyRoutes } from './proxy-routes';

export interface GatewayAppOptions {
  /** Base URL (scheme, host, port) of each service. */
  upstreams: Record<ServiceId, string>;
  logLevel?: LevelWithSilent;
  /** Where log lines go (stdout by default); tests collect them. */
  loggerDestination?: DestinationStream;
  /** Bodies announced larger than this are refused here; the services apply the same limit. */
  bodyLimitBytes?: number;
  /** How long a service may take to start answering before the client gets a 504. */
  upstreamTimeoutMs?: number;
  /** How long connecting to a service may take before it counts as down (503). */
  upstreamConnectTimeoutMs?: number;
  /** How long the merged docs are reused before the services are asked again. */
  docsMaxAgeMs?: number;
}

const DEFAULTS = {
  bodyLimitBytes: 1_048_576,
  upstreamTimeoutMs: 29_000,
  upstreamConnectTimeoutMs: 2_000,
};

function pathOf(request: FastifyRequest): string {
  const query = request.url.indexOf('?');
  return query === -1 ? request.url : request.url.slice(0, query);
}

function declaredLength(request: FastifyRequest): number | undefined {
  const header = request.headers['content-length'];
  const length = header === undefined ? Number.NaN : Number(header);
  return Number.isFinite(length) ? length : undefined;
}

export async function buildGatewayApp(options: GatewayAppOptions): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimitBytes ?? DEFAULTS.bodyLimitBytes;
  const version = packageVersion(join(__dirname, '..'));
  const app = Fastify<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger>({
    loggerInstance: createGatewayLogger({
      version,
      level: options.logLevel ?? 'info',
      ...(options.loggerDestination ? { destination: options.loggerDestination } : {}),
    }),
    logController: new GatewayLogController(),
    genReqId: generateRequestId,
    bodyLimit,
    frameworkErrors: (error, request, reply) => {
      request.answeredByGateway = true;
      reply.header(REQUEST_ID_HEADER, request.id);
      const { problem } = toProblem(error, {});
      void sendProblem(reply, problem);
    },
  });

  app.decorateRequest('answeredByGateway', false);
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    const length = declaredLength(request);
    // Refused before a byte is forwarded; a chunked body is left to the service's own limit.
    if (length !== undefined && length > bodyLimit) {
      throw HttpProblem.of(413, `The request body exceeds the limit of ${bodyLimit} bytes`);
    }
  });

  // Bodies stay unread streams and go to the service as they came: content type, size and
  // JSON syntax are each service's to judge, so their answers are the same with or without us.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.setErrorHandler((error, request, reply) => {
    request.answeredByGateway = true;
    const { problem, headers, serverFault } = toProblem(error, {}, pathOf(request));
    if (serverFault && error instanceof HttpProblem) {
      request.log.warn({ statusCode: problem.status, detail: problem.detail }, 'request failed');
    } else if (serverFault) {
      request.log.error({ err: error }, 'request failed');
    }
    return sendProblem(reply, problem, headers);
  });

  app.setNotFoundHandler((request, reply) => {
    request.answeredByGateway = true;
    const path = pathOf(request);
    return sendProblem(reply, {
      type: BLANK_PROBLEM_TYPE,
      title: 'Not Found',
      status: 404,
      detail: `No route for ${request.method} ${path}`,
      instance: path,
    });
  });

  await app.register(replyFrom, {
    disableRequestLogging: true,
    undici: {
      connections: 128,
      pipelining: 1,
      connect: {
        timeout: options.upstreamConnectTimeoutMs ?? DEFAULTS.upstreamConnectTimeoutMs,
      },
    },
  });

  const docs = new MergedDocs({
    upstreams: options.upstreams,
    version,
    log: app.log,
    ...(options.docsMaxAgeMs !== undefined ? { maxAgeMs: options.docsMaxAgeMs } : {}),
  });
  await registerDocsRoutes(app, docs);
  await app.register(healthRoutes, { upstreams: options.upstreams });
  await app.register(proxyRoutes, {
    upstreams: options.upstreams,
    upstreamTimeoutMs: options.upstreamTimeoutMs ?? DEFAULTS.upstreamTimeoutMs,
  });
  return app;
}
