import { useTestTable } from '@taskmgr/test-support';
import { buildTestApp, type TestApp, uniqueEmail } from '../support/test-app';

const table = useTestTable('user-rate-limits');

async function withApp(env: Record<string, string>, use: (subject: TestApp) => Promise<void>) {
  const subject = await buildTestApp(table, env);
  try {
    await use(subject);
  } finally {
    await subject.app.close();
  }
}

describe('rate limits on /auth', () => {
  test('per email: the 4th login for one address in the window is 429 with Retry-After', () =>
    withApp({ AUTH_RATE_LIMIT_PER_EMAIL: '3', AUTH_RATE_LIMIT_PER_IP: '100' }, async ({ app }) => {
      const email = uniqueEmail('limited');
      // Case and spaces do not make a new address: the count is on the normalised one.
      for (const variant of [email, email.toUpperCase(), ` ${email} `]) {
        const res = await app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { email: variant, password: 'Wrong-Passw0rd' },
        });
        expect(res.statusCode).toBe(401);
      }
      const limited = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email, password: 'Wrong-Passw0rd' },
      });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json()).toMatchObject({
        status: 429,
        title: 'Too Many Requests',
        detail: expect.stringContaining('this email address'),
      });

      // Another address from the same client is still let through.
      const other = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: uniqueEmail('other'), password: 'Wrong-Passw0rd' },
      });
      expect(other.statusCode).toBe(401);
    }));

  test('per IP: every /auth route answers 429 once its client exceeds the limit', () =>
    withApp({ AUTH_RATE_LIMIT_PER_IP: '1', AUTH_RATE_LIMIT_PER_EMAIL: '100' }, async ({ app }) => {
      const routes = ['register', 'confirm', 'login', 'refresh', 'logout'];
      for (const route of routes) {
        const call = () =>
          app.inject({
            method: 'POST',
            url: `/auth/${route}`,
            payload: {},
            remoteAddress: '203.0.113.7',
          });
        expect((await call()).statusCode).toBe(400);
        const limited = await call();
        expect(limited.statusCode).toBe(429);
        expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      }
      // A different client is unaffected.
      const fresh = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: {},
        remoteAddress: '198.51.100.9',
      });
      expect(fresh.statusCode).toBe(400);
    }));
});
