import type { ServiceApp } from '@taskmgr/service-kit';
import { buildExampleApp, TEST_ORIGIN } from '../support/example-app';

const PROBLEM_JSON = /^application\/problem\+json/;

describe('security headers and CORS', () => {
  let app: ServiceApp;

  beforeAll(async () => {
    ({ app } = await buildExampleApp());
  });

  afterAll(() => app.close());

  it('sends helmet headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/health/live' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers an allowed origin with CORS headers', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { origin: TEST_ORIGIN },
    });
    expect(res.headers['access-control-allow-origin']).toBe(TEST_ORIGIN);
    expect(res.headers['access-control-expose-headers']).toContain('x-request-id');
  });

  it('answers a preflight from an allowed origin', async () => {
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/examples',
      headers: {
        origin: TEST_ORIGIN,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type,if-match',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(TEST_ORIGIN);
    expect(res.headers['access-control-allow-methods']).toContain('PATCH');
    expect(res.headers['access-control-allow-headers']).toContain('If-Match');
  });

  it('gives a disallowed origin no CORS headers', async () => {
    for (const method of ['GET', 'OPTIONS'] as const) {
      const res = await app.inject({
        method,
        url: '/health/live',
        headers: { origin: 'https://evil.example.net', 'access-control-request-method': 'GET' },
      });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });
});

describe('rate limits', () => {
  it('limits a route by IP and answers 429 problem+json with Retry-After', async () => {
    const { app } = await buildExampleApp();
    const first = await app.inject({ method: 'GET', url: '/limited' });
    expect(first.statusCode).toBe(200);
    const second = await app.inject({ method: 'GET', url: '/limited' });
    expect(second.statusCode).toBe(429);
    expect(second.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
    expect(second.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
    // Another client address has its own budget.
    const other = await app.inject({ method: 'GET', url: '/limited', remoteAddress: '10.0.0.9' });
    expect(other.statusCode).toBe(200);
    await app.close();
  });

  it('can key a route by a body field such as the email, across IPs', async () => {
    const { app } = await buildExampleApp();
    const login = (email: string, remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/login',
        remoteAddress,
        payload: { email, password: 'long-enough' },
      });
    expect((await login('ada@example.com', '10.0.0.1')).statusCode).toBe(200);
    expect((await login('ADA@example.com', '10.0.0.2')).statusCode).toBe(200);
    const third = await login('ada@example.com', '10.0.0.3');
    expect(third.statusCode).toBe(429);
    expect(third.headers['content-type']).toMatch(PROBLEM_JSON);
    expect((await login('bob@example.com', '10.0.0.3')).statusCode).toBe(200);
    await app.close();
  });

  it('leaves routes without a limit and the health probes unlimited', async () => {
    const { app } = await buildExampleApp();
    for (let i = 0; i < 5; i += 1) {
      expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/slow' })).statusCode).toBe(200);
    }
    await app.close();
  });
});

describe('load shedding', () => {
  it('answers 503 problem+json under pressure but keeps liveness up', async () => {
    // Any heap at all exceeds a 1-byte threshold, so the process counts as saturated.
    const { app } = await buildExampleApp(
      { loadSheddingSampleIntervalMs: 10 },
      { PRESSURE_MAX_HEAP_USED_BYTES: '1' },
    );
    await app.ready();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const res = await app.inject({ method: 'GET', url: '/slow' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.headers['retry-after']).toBe('10');
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(res.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    await app.close();
  });
});
