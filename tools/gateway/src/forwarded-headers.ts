import type { IncomingHttpHeaders } from 'node:http';
import { REQUEST_ID_HEADER } from '@taskmgr/service-kit';

/** What header forwarding reads of a request (reply-from hands it over loosely typed). */
export interface ForwardedRequest {
  id: string;
  protocol: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  raw: { socket: { remoteAddress?: string | undefined } };
}

/**
 * RFC 9110 §7.6.1: these describe one connection, not the message, so a proxy never passes them
 * on. `expect` is answered by this server already (Node sends the 100 Continue), and `host` is
 * set to the upstream by the proxy plugin.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
]);

/**
 * Also drops whatever the `connection` header names as hop-by-hop. Copies rather than deletes:
 * `delete` turns the object into a slow dictionary, and this runs twice per request.
 */
function withoutHopByHop(headers: IncomingHttpHeaders, alsoDrop?: string): IncomingHttpHeaders {
  const named = headers.connection;
  const listed =
    typeof named === 'string' ? new Set(named.split(',').map((n) => n.trim().toLowerCase())) : null;
  const result: IncomingHttpHeaders = {};
  for (const name in headers) {
    if (HOP_BY_HOP.has(name) || listed?.has(name) || name === alsoDrop) continue;
    result[name] = headers[name];
  }
  return result;
}

/**
 * What the upstream sees: the client's headers minus hop-by-hop ones, the request id (taken
 * over from the client or minted here), and the client's address appended to X-Forwarded-For,
 * as API Gateway and the ALB do. Services trust exactly one proxy hop locally, so the address
 * appended here, never one a client wrote, is the one their rate limits count.
 */
export function upstreamRequestHeaders(
  request: ForwardedRequest,
  headers: IncomingHttpHeaders,
): IncomingHttpHeaders {
  // Fastify reads no body for GET and HEAD: announcing one would stall the service.
  const result = withoutHopByHop(
    headers,
    request.body === undefined ? 'content-length' : undefined,
  );
  const clientAddress = request.raw.socket.remoteAddress ?? 'unknown';
  const earlier = headers['x-forwarded-for'];
  const forwardedFor = Array.isArray(earlier) ? earlier.join(', ') : earlier;
  result['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${clientAddress}` : clientAddress;
  result['x-forwarded-proto'] = request.protocol;
  // `headers.host` is the upstream's by now.
  if (request.headers.host) result['x-forwarded-host'] = request.headers.host;
  result[REQUEST_ID_HEADER] = request.id;
  return result;
}

/** What the client sees of the upstream's answer. */
export function clientResponseHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return withoutHopByHop(headers);
}
