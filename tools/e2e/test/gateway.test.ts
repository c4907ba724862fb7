/** What the gateway itself adds: unknown routes, request ids, merged docs, and a service down. */
import { routes, services } from '@taskmgr/route-table';
import {
  bodyOf,
  call,
  eventually,
  expectProblem,
  registerUser,
  type Session,
  stackControl,
} from './support/api';

describe('the gateway in front of the stack', () => {
  let user: Session;

  beforeAll(async () => {
    user = await registerUser('gateway');
  });

  afterAll(async () => {
    // Whatever happened above, the next test file finds the task service running.
    await stackControl.startService('task');
  });

  test('an unknown route is a 404 problem, answered by the gateway itself', async () => {
    for (const path of ['/', '/nope', '/tasksx', '/api/tasks']) {
      const problem = expectProblem(await call('GET', path), 404);
      expect(problem.detail).toContain(path);
    }
  });

  test('x-request-id: kept when the client sends one, minted otherwise', async () => {
    const given = await call('GET', '/users/me', {
      token: user.accessToken,
      headers: { 'x-request-id': 'e2e-trace-42' },
    });
    expect(given.status).toBe(200);
    expect(given.headers.get('x-request-id')).toBe('e2e-trace-42');
    const minted = await call('GET', '/tasks', { token: user.accessToken });
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('/docs serves one document with the routes of all three services', async () => {
    const ui = await call('GET', '/docs');
    expect(ui.status).toBe(200);
    const document = bodyOf(await call('GET', '/docs/json'));
    const paths = Object.keys(document.paths as Record<string, unknown>);
    for (const route of routes) {
      expect(paths.some((p) => p === route.prefix || p.startsWith(`${route.prefix}/`))).toBe(true);
    }
    expect(paths.some((p) => p.startsWith('/health') || p.startsWith('/dev'))).toBe(false);
    expect(document.components).toMatchObject({
      securitySchemes: { bearerAuth: expect.anything() },
    });
  });

  test('a killed service answers 503 through the gateway while the others work, and recovers', async () => {
    const token = user.accessToken;
    const created = await call('POST', '/tasks', { token, json: { title: 'Survives a crash' } });
    const taskId = String(bodyOf(created).taskId);

    await stackControl.killService('task');
    for (const [method, path] of [
      ['GET', '/tasks'],
      ['GET', `/tasks/${taskId}`],
      ['POST', '/tasks'],
    ]) {
      const down = await call(String(method), String(path), {
        token,
        ...(method === 'POST' ? { json: { title: 'x' } } : {}),
      });
      const problem = expectProblem(down, 503);
      expect(problem.service).toBe(services.task.name);
      expect(down.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    expect((await call('GET', '/users/me', { token })).status).toBe(200);
    expect((await call('GET', '/notifications', { token })).status).toBe(200);
    expectProblem(await call('GET', '/health/ready'), 503);

    await stackControl.startService('task');
    const back = await eventually(
      () => call('GET', `/tasks/${taskId}`, { token }),
      (response) => response.status === 200,
      10_000,
    );
    expect(bodyOf(back)).toMatchObject({ title: 'Survives a crash' });
    expect((await call('GET', '/health/ready')).status).toBe(200);
  });
});
