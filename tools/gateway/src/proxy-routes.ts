import type { Readable } from 'node:stream';
import type { FastifyReplyFromHooks } from '@fastify/reply-from';
import { type RouteDefinition, routes, type ServiceId, services } from '@taskmgr/route-table';
import { HttpProblem, PROBLEM_CONTENT_TYPE } from '@taskmgr/service-kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clientResponseHeaders, upstreamRequestHeaders } from './forwarded-headers';
import { upstreamProblem } from './upstream-errors';

export interface ProxyRoutesOptions {
  upstreams: Record<ServiceId, string>;
  upstreamTimeoutMs: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The service a gateway route forwards to; also on the request's log line. */
    upstream?: ServiceId;
  }
}

// A request that never reached the service may be sent again; with a body or side effects not.
const RETRYABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const RETRYABLE_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET']);

// Bodies up to this size are read whole and sent in one write with the headers; larger ones
// (and those of unknown length) are streamed.
const BUFFERED_BODY_BYTES = 64 * 1024;

type LooseReply = Parameters<NonNullable<FastifyReplyFromHooks['onError']>>[0];

function relayBody(
  reply: LooseReply,
  body: Readable,
  failed: (reply: LooseReply, error: unknown) => void,
): void {
  const length = Number(reply.getHeader('content-length'));
  if (!(length <= BUFFERED_BODY_BYTES)) {
    reply.send(body);
    return;
  }
  const chunks: Buffer[] = [];
  body.on('data', (chunk: Buffer) => chunks.push(chunk));
  body.once('error', (error) => {
    // The service died mid-answer: nothing was sent yet, so the client gets a problem instead.
    reply.removeHeader('content-length');
    failed(reply, error);
  });
  body.once('end', () => reply.send(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function hasRetryableCode(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    RETRYABLE_CODES.has(error.code)
  );
}

function forward(
  route: RouteDefinition,
  options: ProxyRoutesOptions,
): (request: FastifyRequest, reply: FastifyReply) => FastifyReply {
  const service = services[route.service];
  const base = options.upstreams[route.service];

  // reply-from has logged the cause already; the request line adds service and status.
  const failed = (reply: LooseReply, error: unknown) => {
    reply.request.answeredByGateway = true;
    const problem = upstreamProblem(service.name, error);
    // As the kit's sendProblem does, for reply-from's more loosely typed reply.
    return reply
      .code(problem.status)
      .headers(problem.headers)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem.toProblem(pathOf(reply.request.url))));
  };

  // Built once per route, not per request: every hook gets the request it is about.
  const replyOptions: FastifyReplyFromHooks = {
    timeout: options.upstreamTimeoutMs,
    rewriteRequestHeaders: (request, headers) => upstreamRequestHeaders(request, headers),
    rewriteHeaders: (headers) => clientResponseHeaders(headers),
    onResponse: (_request, reply, upstream) => relayBody(reply, upstream.stream, failed),
    // Once, at once, and only for a pooled keep-alive connection the service had closed. (`req`
    // here is reply-from's outgoing request, whatever its type says.)
    retryDelay: ({ err, req, attempt }) =>
      attempt === 0 && RETRYABLE_METHODS.has(req.method) && hasRetryableCode(err) ? 1 : null,
    onError: (reply, { error }) => void failed(reply, error),
  };

  return (request, reply) => {
    try {
      // The path only: the query string is passed on as the client wrote it.
      return reply.from(`${base}${pathOf(request.url)}`, replyOptions);
    } catch (error) {
      // reply-from refuses some paths before sending (a `..` segment, say): the client's fault.
      const status =
        typeof error === 'object' && error !== null && 'statusCode' in error
          ? error.statusCode
          : undefined;
      if (status === 400 || error instanceof URIError) {
        throw HttpProblem.of(400, 'The request path is not allowed');
      }
      failed(reply, error);
      return reply;
    }
  };
}

/** One catch-all route per route-table prefix, forwarding every method to its service. */
export async function proxyRoutes(app: FastifyInstance, options: ProxyRoutesOptions) {
  for (const route of routes) {
    const handler = forward(route, options);
    const config = { upstream: route.service };
    app.all(route.prefix, { config }, handler);
    app.all(`${route.prefix}/*`, { config }, handler);
  }
}
