import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { routes, type ServiceId, serviceIds } from '@taskmgr/route-table';
import type { FastifyInstance } from 'fastify';
import { buildGatewayApp } from '../../src/app';
import {
  type EchoedRequest,
  type FakeUpstream,
  startFakeUpstream,
  unusedPort,
} from '../support/fake-upstream';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http rather than fetch, which refuses to send hop-by-hop headers at all. */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; chunks?: string[] } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // Host and path apart: a URL string would have `..` segments resolved before sending.
    const origin = url.match(/^http:\/\/[^/]+/)?.[0] ?? '';
    const target = new URL(origin);
    const req = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        path: url.slice(origin.length) || '/',
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

function echoed(response: RawResponse): EchoedRequest {
  return JSON.parse(response.body) as EchoedRequest;
}

describe('the gateway', () => {
  const upstreams = {} as Record<ServiceId, FakeUpstream>;
  let gateway: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    for (const id of serviceIds) upstreams[id] = await startFakeUpstream(id);
    gateway = await buildGatewayApp({
      upstreams: {
        user: upstreams.user.url,
        task: upstreams.task.url,
        notification: upstreams.notification.url,
      },
      logLevel: 'silent',
      bodyLimitBytes: 1024,
      upstreamTimeoutMs: 500,
    });
    base = await gateway.listen({ host: '127.0.0.1', port: 0 });
  });

  afterEach(() => {
    for (const id of serviceIds) upstreams[id].respond(undefined);
  });

  afterAll(async () => {
    await gateway.close();
    await Promise.all(serviceIds.map((id) => upstreams[id].close()));
  });

  describe('routing by the route table', () => {
    test.each(routes.map((r) => [r.prefix, r.service]))(
      '%s and everything below it go to the %s service, path and query untouched',
      async (prefix, service) => {
        const exact = echoed(await rawRequest(`${base}${prefix}`));
        expect(exact).toMatchObject({ service, url: prefix });
        const below = echoed(await rawRequest(`${base}${prefix}/a/b?x=1&y=%20z`));
        expect(below).toMatchObject({ service, url: `${prefix}/a/b?x=1&y=%20z` });
      },
    );

    test.each(['/', '/tasksx', '/health', '/admin/tasks', '/TASKS'])(
      '%s is an unknown route: 404 problem+json',
      async (path) => {
        const response = await rawRequest(`${base}${path}`);
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(response.body)).toMatchObject({ status: 404, title: 'Not Found' });
        expect(response.headers['x-request-id']).toBeTruthy();
      },
    );

    test('every method is forwarded, and the upstream status and body come back as they are', async () => {
      upstreams.task.respond(() => ({
        status: 415,
        headers: { 'content-type': 'application/problem+json' },
        body: '{"status":415}',
      }));
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
        const response = await rawRequest(`${base}/tasks/1`, { method });
        expect(response.status).toBe(415);
        expect(response.body).toBe('{"status":415}');
        expect(upstreams.task.received.at(-1)?.method).toBe(method);
      }
    });

    test('a `..` segment, even encoded, never reaches a service', async () => {
      const before = upstreams.user.received.length + upstreams.task.received.length;
      const response = await rawRequest(`${base}/tasks/%2e%2e/users/me`);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(upstreams.user.received.length + upstreams.task.received.length).toBe(before);
    });
  });

  describe('headers', () => {
    test('keeps a well-formed x-request-id and sends it both ways', async () => {
      const response = await rawRequest(`${base}/tasks`, {
        headers: { 'x-request-id': 'abc-123' },
      });
      expect(response.headers['x-request-id']).toBe('abc-123');
      expect(echoed(response).headers['x-request-id']).toBe('abc-123');
    });

    test('mints an x-request-id when there is none or it is malformed', async () => {
      const variants: Record<string, string>[] = [{}, { 'x-request-id': 'has spaces and {json}' }];
      for (const headers of variants) {
        const response = await rawRequest(`${base}/tasks`, { headers });
        const id = response.headers['x-request-id'];
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        expect(echoed(response).headers['x-request-id']).toBe(id);
      }
    });

    test('appends the client to X-Forwarded-For and sets the proto and host', async () => {
      const response = await rawRequest(`${base}/users/me`, {
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      const { headers } = echoed(response);
      expect(headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
      expect(headers['x-forwarded-proto']).toBe('http');
      expect(headers['x-forwarded-host']).toBe(new URL(base).host);
      expect(headers.host).toBe(new URL(upstreams.user.url).host);
    });

    test('does not forward hop-by-hop request headers, nor those Connection names', async () => {
      const response = await rawRequest(`${base}/tasks`, {
        headers: {
          connection: 'keep-alive, x-private-hop',
          'x-private-hop': 'secret',
          'keep-alive': 'timeout=5',
          'proxy-authorization': 'Basic Zm9vOmJhcg==',
          te: 'trailers',
          authorization: 'Bearer token',
        },
      });
      const { headers } = echoed(response);
      expect(headers['x-private-hop']).toBeUndefined();
      expect(headers['keep-alive']).toBeUndefined();
      expect(headers['proxy-authorization']).toBeUndefined();
      expect(headers.te).toBeUndefined();
      expect(headers.authorization).toBe('Bearer token');
    });

    test('does not pass on hop-by-hop response headers', async () => {
      upstreams.task.respond(() => ({
        status: 200,
        headers: {
          connection: 'x-upstream-hop',
          'x-upstream-hop': '1',
          'proxy-authenticate': 'Basic',
          etag: '"3"',
        },
        body: 'ok',
      }));
      const response = await rawRequest(`${base}/tasks/1`);
      expect(response.headers['x-upstream-hop']).toBeUndefined();
      expect(response.headers['proxy-authenticate']).toBeUndefined();
      expect(response.headers.etag).toBe('"3"');
    });
  });

  describe('bodies', () => {
    test('go to the service byte for byte, whatever the content type, so it judges them', async () => {
      const cases = [
        ['application/json', '{"title": "broken'],
        ['text/plain', 'just text'],
        ['application/x-www-form-urlencoded', 'a=1&b=2'],
      ];
      for (const [contentType, body] of cases) {
        const response = await rawRequest(`${base}/tasks`, {
          method: 'POST',
          headers: { 'content-type': String(contentType) },
          chunks: [String(body)],
        });
        expect(echoed(response)).toMatchObject({
          body,
          headers: { 'content-type': contentType },
        });
      }
    });

    test('a chunked body is streamed through', async () => {
      const response = await rawRequest(`${base}/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        chunks: ['{"title":', '"in parts"}'],
      });
      expect(echoed(response).body).toBe('{"title":"in parts"}');
    });

    test('a body sent with GET is not announced to the service, which would wait for it', async () => {
      const response = await rawRequest(`${base}/tasks`, {
        headers: { 'content-type': 'application/json', 'content-length': '2' },
        chunks: ['{}'],
      });
      expect(response.status).toBe(200);
      expect(echoed(response).headers['content-length']).toBeUndefined();
    });

    test('one announced over the limit is refused with 413 before the service sees it', async () => {
      const before = upstreams.task.received.length;
      const body = 'x'.repeat(2000);
      const response = await rawRequest(`${base}/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
        chunks: [body],
      });
      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(upstreams.task.received.length).toBe(before);
    });
  });

  describe('a service that fails', () => {
    test('one that dies half-way through its answer gets a problem, not a truncated body', async () => {
      const body = JSON.stringify({ title: 'x'.repeat(100) });
      upstreams.task.respond(() => ({
        status: 200,
        headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
        body,
        dieMidBody: true,
      }));
      const response = await rawRequest(`${base}/tasks/1`);
      expect(response.status).toBeGreaterThanOrEqual(502);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.body)).toMatchObject({ service: 'task-service' });
    });

    test('one that is too slow gets a 504 problem', async () => {
      upstreams.notification.respond(() => ({ status: 200, body: 'late', delayMs: 1_500 }));
      const response = await rawRequest(`${base}/notifications`);
      expect(response.status).toBe(504);
      expect(JSON.parse(response.body)).toMatchObject({
        status: 504,
        service: 'notification-service',
      });
    });

    test('one that is down gets a 503 with Retry-After, the others keep working, and it recovers', async () => {
      const port = await unusedPort();
      const upstreamsWithGap = {
        user: upstreams.user.url,
        task: `http://127.0.0.1:${port}`,
        notification: upstreams.notification.url,
      };
      const degraded = await buildGatewayApp({ upstreams: upstreamsWithGap, logLevel: 'silent' });
      const url = await degraded.listen({ host: '127.0.0.1', port: 0 });
      try {
        const down = await rawRequest(`${url}/tasks/1`);
        expect(down.status).toBe(503);
        expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(down.headers['retry-after']).toBe('5');
        expect(JSON.parse(down.body)).toMatchObject({
          status: 503,
          service: 'task-service',
          instance: '/tasks/1',
        });
        expect((await rawRequest(`${url}/users/me`)).status).toBe(200);
        const notReady = await rawRequest(`${url}/health/ready`);
        expect(notReady.status).toBe(503);
        expect(JSON.parse(notReady.body).detail).toContain('task-service');

        const revived = await startFakeUpstream('task', { port });
        try {
          const back = await rawRequest(`${url}/tasks/1`);
          expect(back.status).toBe(200);
          expect(echoed(back).service).toBe('task');
          expect((await rawRequest(`${url}/health/ready`)).status).toBe(200);
        } finally {
          await revived.close();
        }
      } finally {
        await degraded.close();
      }
    });
  });

  test('/health/live and /health/ready answer for the gateway itself', async () => {
    expect((await rawRequest(`${base}/health/live`)).status).toBe(200);
    const ready = await rawRequest(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(Object.keys(JSON.parse(ready.body).checks)).toEqual([
      'user-service',
      'task-service',
      'notification-service',
    ]);
  });
});
