import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  DEFAULT_DOMAIN_ERROR_STATUS,
  type DomainErrorStatusMap,
  resolveDomainErrorStatus,
} from '../errors/domain-errors';
import { BLANK_PROBLEM_TYPE, HttpProblem, type ProblemDetails } from '../errors/http-problem';
import { toProblem } from '../errors/to-problem';
import { REQUEST_ID_HEADER } from '../request-id';
import { PROBLEM_CONTENT_TYPE } from '../schemas/problem';
import '../route-config';

export interface ErrorHandlerOptions {
  /** The service's additions to the default domain error → status table. */
  domainErrorStatus?: DomainErrorStatusMap;
}

/** The one place errors become `application/problem+json`; also answers unknown routes. */
export const errorHandlerPlugin = fp<ErrorHandlerOptions>(
  async (app, options) => {
    const serviceMap = { ...DEFAULT_DOMAIN_ERROR_STATUS, ...options.domainErrorStatus };

    app.setErrorHandler((error, request, reply) => {
      const domainStatus = resolveDomainErrorStatus(
        request,
        serviceMap,
        request.routeOptions.config.domainErrorStatus,
      );
      const { problem, headers, serverFault } = toProblem(error, domainStatus, pathOf(request));
      if (serverFault && error instanceof HttpProblem) {
        // A deliberate 5xx (load shedding, a dependency down): the detail says it all.
        request.log.warn({ statusCode: problem.status, detail: problem.detail }, 'request failed');
      } else if (serverFault) {
        request.log.error({ err: error }, 'request failed');
      } else {
        // Status and field names only: client error messages can echo what the client sent.
        request.log.info(
          {
            statusCode: problem.status,
            problemType: problem.type,
            fields: problem.errors?.map((e) => `${e.in}.${e.field}`),
          },
          'request rejected',
        );
      }
      return sendProblem(reply, problem, headers);
    });

    app.setNotFoundHandler((request, reply) => {
      const path = pathOf(request);
      request.log.info({ statusCode: 404 }, 'route not found');
      return sendProblem(reply, {
        type: BLANK_PROBLEM_TYPE,
        title: 'Not Found',
        status: 404,
        detail: `No route for ${request.method} ${path}`,
        instance: path,
      });
    });
  },
  { name: 'service-kit/error-handler', fastify: '5.x' },
);

/**
 * For errors Fastify raises before routing (malformed URL, over-long parameter), where no hooks
 * ran: the `frameworkErrors` server option.
 */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  reply.header(REQUEST_ID_HEADER, request.id);
  const { problem } = toProblem(error, DEFAULT_DOMAIN_ERROR_STATUS);
  request.log.info({ statusCode: problem.status, errorCode: error.code }, 'request rejected');
  void sendProblem(reply, problem);
}

export function sendProblem(
  reply: FastifyReply,
  problem: ProblemDetails,
  headers: Record<string, string> = {},
): FastifyReply {
  // Serialised here, so a route's own response schemas cannot reshape or strip the problem.
  return reply
    .code(problem.status)
    .headers(headers)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}

function pathOf(request: FastifyRequest): string {
  const q = request.url.indexOf('?');
  return q === -1 ? request.url : request.url.slice(0, q);
}
