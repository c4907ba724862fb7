import type { FastifyReply, FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';

export interface StaticHostLoggerOptions {
  version: string;
  level: LevelWithSilent;
  destination?: DestinationStream;
}

/** The services' log line format (service, version, pid, ISO time, level label). */
export function createStaticHostLogger(options: StaticHostLoggerOptions): Logger {
  const pinoOptions: pino.LoggerOptions = {
    level: options.level,
    base: { service: 'web', version: options.version, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        // Path only: the query carries ids the pages read, which the log has no use for.
        url: request.url.split('?')[0],
        remoteAddress: request.ip,
      }),
      res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
      err: pino.stdSerializers.err,
    },
  };
  return options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions);
}
