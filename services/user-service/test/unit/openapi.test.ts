import type { ServiceApp } from '@taskmgr/service-kit';
import { buildApp } from '../../src/app';
import { offlineConfig } from '../support/unit-config';

interface Operation {
  tags?: string[];
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

let app: ServiceApp;
let paths: Record<string, Record<string, Operation>>;

beforeAll(async () => {
  app = await buildApp(offlineConfig());
  const res = await app.inject({ method: 'GET', url: '/docs/json' });
  expect(res.statusCode).toBe(200);
  paths = res.json().paths;
});

afterAll(() => app.close());

const ROUTES: Array<[string, string, string[], string[]]> = [
  [
    'post',
    '/auth/register',
    ['email', 'password', 'firstName', 'lastName', 'phoneNumber'],
    ['201', '202', '400', '409', '429'],
  ],
  ['post', '/auth/confirm', ['email', 'code'], ['204', '400', '429']],
  ['post', '/auth/login', ['email', 'password'], ['200', '400', '401', '403', '429']],
  ['post', '/auth/refresh', ['refreshToken'], ['200', '400', '401', '429']],
  ['post', '/auth/logout', ['refreshToken'], ['204', '400', '429']],
  ['get', '/users/me', [], ['200', '401', '404']],
  [
    'patch',
    '/users/me',
    ['firstName', 'lastName', 'phoneNumber', 'notificationPreferences'],
    ['200', '400', '401', '404', '412'],
  ],
  ['delete', '/users/me', [], ['204', '401']],
];

describe('OpenAPI at /docs', () => {
  test.each(ROUTES)(
    '%s %s has its request and response schemas',
    (method, path, fields, statuses) => {
      const op = paths[path]?.[method];
      expect(op).toBeDefined();
      if (fields.length > 0) {
        const schema = op?.requestBody?.content['application/json']?.schema;
        expect(Object.keys(schema?.properties ?? {})).toEqual(expect.arrayContaining(fields));
      } else {
        expect(op?.requestBody).toBeUndefined();
      }
      for (const status of [...statuses, '500']) {
        const response = op?.responses[status];
        expect({ status, response }).toEqual({ status, response: expect.anything() });
        if (status !== '204') {
          const content = response?.content ?? {};
          const schema = content['application/json'] ?? content['application/problem+json'];
          expect({ status, schema }).toEqual({ status, schema: expect.anything() });
        }
      }
    },
  );

  test('the /users routes ask for the bearer token; the /auth routes do not', () => {
    for (const [method, path] of ROUTES) {
      const secured = Boolean(paths[path]?.[method]?.security?.length);
      expect({ path, method, secured }).toEqual({
        path,
        method,
        secured: path.startsWith('/users'),
      });
    }
  });

  test('lists no route beyond these and the health probes', () => {
    expect(Object.keys(paths).sort()).toEqual([
      '/auth/confirm',
      '/auth/login',
      '/auth/logout',
      '/auth/refresh',
      '/auth/register',
      '/health/live',
      '/health/ready',
      '/users/me',
    ]);
  });

  test('serves the UI', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(res.statusCode);
  });
});
