import { services } from '@taskmgr/route-table';
import type { FastifyInstance } from 'fastify';
import { buildGatewayApp } from '../../src/app';
import { type FakeUpstream, startFakeUpstream, unusedPort } from '../support/fake-upstream';

const documentFor = (path: string, tag: string) => ({
  openapi: '3.1.0',
  info: { title: tag, version: '1' },
  tags: [{ name: tag }],
  paths: { [path]: { get: { tags: [tag], responses: { 200: { description: 'ok' } } } } },
});

describe('the merged docs', () => {
  let user: FakeUpstream;
  let task: FakeUpstream;
  let notificationPort: number;
  let gateway: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    user = await startFakeUpstream('user', { openapi: documentFor('/users/me', 'users') });
    task = await startFakeUpstream('task', { openapi: documentFor('/tasks', 'tasks') });
    notificationPort = await unusedPort();
    gateway = await buildGatewayApp({
      upstreams: {
        user: user.url,
        task: task.url,
        notification: `http://127.0.0.1:${notificationPort}`,
      },
      logLevel: 'silent',
      docsMaxAgeMs: 0,
    });
    base = await gateway.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await gateway.close();
    await Promise.all([user.close(), task.close()]);
  });

  test('/docs serves the Swagger UI', async () => {
    const response = await fetch(`${base}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
  });

  test('/docs/json merges the services that answer, and picks up one that starts later', async () => {
    const first = (await (await fetch(`${base}/docs/json`)).json()) as {
      paths: Record<string, unknown>;
      info: { description: string };
    };
    expect(Object.keys(first.paths)).toEqual(['/users/me', '/tasks']);
    expect(first.info.description).toContain(services.notification.name);

    const notification = await startFakeUpstream('notification', {
      port: notificationPort,
      openapi: documentFor('/notifications', 'notifications'),
    });
    try {
      const second = (await (await fetch(`${base}/docs/json`)).json()) as {
        paths: Record<string, unknown>;
        info: { description: string };
      };
      expect(Object.keys(second.paths)).toEqual(['/users/me', '/tasks', '/notifications']);
      expect(second.info.description).not.toContain('Not included');
    } finally {
      await notification.close();
    }
  });
});
