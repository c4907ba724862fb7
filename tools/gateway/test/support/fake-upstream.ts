import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EchoedRequest {
  service: string;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeUpstream {
  url: string;
  port: number;
  received: EchoedRequest[];
  /** Replaces the default echo for the next requests. */
  respond(handler: Handler | undefined): void;
  close(): Promise<void>;
}

type Handler = (request: EchoedRequest) => {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
  /** Sends the headers and part of the body, then drops the connection. */
  dieMidBody?: boolean;
};

/**
 * A stand-in service: records every request and answers with it as JSON (or as `respond` says).
 * Also serves `/health/ready` and, when given, an OpenAPI document at `/docs/json`.
 */
export async function startFakeUpstream(
  service: string,
  options: { port?: number; openapi?: unknown } = {},
): Promise<FakeUpstream> {
  const received: EchoedRequest[] = [];
  let handler: Handler | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const echoed: EchoedRequest = {
        service,
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      if (echoed.url === '/health/ready') {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"status":"ok","checks":{}}');
        return;
      }
      if (echoed.url === '/docs/json' && options.openapi) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(options.openapi));
        return;
      }
      received.push(echoed);
      const answer = handler?.(echoed) ?? {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(echoed),
      };
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(answer.status, answer.headers);
        if (!answer.dieMidBody) {
          res.end(answer.body ?? '');
          return;
        }
        res.write((answer.body ?? '').slice(0, 5));
        setTimeout(() => res.socket?.destroy(), 20);
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    respond: (next) => {
      handler = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on, for a service that is down. */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
