import { type AccessTokenVerifier, InvalidAccessTokenError } from '@taskmgr/auth';
import { ConfigError } from '@taskmgr/config';
import type { ServiceApp } from '@taskmgr/service-kit';
import { buildApp } from '../../src/app';
import { loadTaskServiceConfig, resolveTaskServiceSettings, withLocalPort } from '../../src/config';

const ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DYNAMODB_ENDPOINT: 'http://localhost:1',
  COGNITO_USER_POOL_ID: 'us-east-1_TestPool1',
  COGNITO_CLIENT_ID: 'testclient',
  COGNITO_ISSUER: 'http://localhost:2/us-east-1_TestPool1',
};

// Refuses every token, so these tests need no Cognito and never reach DynamoDB.
const refusingVerifier: AccessTokenVerifier = {
  issuer: ENV.COGNITO_ISSUER,
  clientId: ENV.COGNITO_CLIENT_ID,
  jwksUri: `${ENV.COGNITO_ISSUER}/.well-known/jwks.json`,
  verify: async () => {
    throw new InvalidAccessTokenError('invalid', 'test verifier refuses all tokens');
  },
  hydrate: async () => undefined,
};

let app: ServiceApp;
beforeAll(async () => {
  app = await buildApp(loadTaskServiceConfig(ENV), { verifier: refusingVerifier });
});
afterAll(() => app.close());

describe('authentication comes first', () => {
  test.each([
    ['POST', '/tasks', { title: 42, unknown: true }],
    ['GET', '/tasks?limit=1000&sort=nope', undefined],
    ['PATCH', '/tasks/not-an-id', {}],
    ['DELETE', '/tasks/01HZZZZZZZZZZZZZZZZZZZZZZZ', undefined],
  ] as const)(
    '%s %s without a valid token is 401, before any validation',
    async (method, url, payload) => {
      for (const authorization of [undefined, 'Bearer not.a.token']) {
        const res = await app.inject({
          method,
          url,
          ...(authorization ? { headers: { authorization } } : {}),
          ...(payload ? { payload } : {}),
        });
        expect(res.statusCode).toBe(401);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    },
  );
});

test('the OpenAPI document describes every task route as bearer-protected', async () => {
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
  const operations = [
    doc.paths['/tasks'].post,
    doc.paths['/tasks'].get,
    doc.paths['/tasks/{taskId}'].get,
    doc.paths['/tasks/{taskId}'].patch,
    doc.paths['/tasks/{taskId}'].delete,
  ];
  for (const operation of operations) {
    expect(operation.security).toEqual([{ bearerAuth: [] }]);
    expect(operation.responses).toHaveProperty('401');
  }
  expect(Object.keys(doc.paths['/tasks/{taskId}'].patch.responses)).toEqual(
    expect.arrayContaining(['200', '400', '404', '409', '412']),
  );
});

describe('configuration', () => {
  test('production refuses a missing CURSOR_SECRET and a local issuer, naming both', () => {
    const config = loadTaskServiceConfig({ ...ENV, NODE_ENV: 'production' });
    let error: unknown;
    try {
      resolveTaskServiceSettings(config);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).issues.map((issue) => issue.variable);
    expect(variables).toEqual(expect.arrayContaining(['CURSOR_SECRET', 'COGNITO_ISSUER']));
  });

  test('without PORT the service takes its port from the route table', () => {
    expect(loadTaskServiceConfig(withLocalPort(ENV)).PORT).toBe(3002);
    expect(loadTaskServiceConfig(withLocalPort({ ...ENV, PORT: '4000' })).PORT).toBe(4000);
  });
});
