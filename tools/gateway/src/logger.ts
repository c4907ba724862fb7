import { redactUrl } from '@taskmgr/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';

export interface GatewayLoggerOptions {
  version: string;
  level: LevelWithSilent;
  destination?: DestinationStream;
}

/**
 * The services' log line format (service, version, pid, ISO time, level label), without their
 * wildcard redaction: the gateway logs no headers and no bodies, only method, path (query
 * tokens masked), client address, status and upstream errors. The wildcard paths cost about
 * 0.1 ms per request in pino's per-request child logger, a fifth of the gateway's whole work.
 */
export function createGatewayLogger(options: GatewayLoggerOptions): Logger {
  const pinoOptions: pino.LoggerOptions = {
    level: options.level,
    base: { service: 'gateway', version: options.version, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        remoteAddress: request.ip,
      }),
      res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
      err: pino.stdSerializers.err,
    },
  };
  return options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions);
}
