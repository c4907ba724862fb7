import { services } from '@taskmgr/route-table';
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { levels } from 'pino';
import './proxy-routes';

declare module 'fastify' {
  interface FastifyRequest {
    /** The gateway answered this request itself (no route, too large, service down). */
    answeredByGateway: boolean;
  }
}

const DEBUG = levels.values.debug ?? 20;

/**
 * One line per request, when it completes, naming the service it went to. At info only what the
 * gateway alone knows: its own answers (unknown route, body too large, service down or slow)
 * and any 5xx. A request a service answered is logged by that service under the same request
 * id, so the gateway's line for it goes to debug: no duplicate lines in the stack's output,
 * and no logging cost on the hot path.
 */
export class GatewayLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const loud = error || request.answeredByGateway || reply.statusCode >= 500;
    if (!loud && (levels.values[reply.log.level] ?? 0) > DEBUG) return;
    const upstream = request.routeOptions.config.upstream;
    const line = {
      req: request,
      res: reply,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
      ...(upstream ? { upstream: services[upstream].name } : {}),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else if (loud) reply.log.info(line, 'request completed');
    else reply.log.debug(line, 'request completed');
  }
}
