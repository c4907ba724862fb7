import Fastify, { type FastifyInstance } from 'fastify';
import {
  authPlugin,
  authTesting,
  loadAuthConfig,
  type ResolvedAuthConfig,
  requireAuthentication,
} from '../../src/index';

// Real tokens from the cognito-local that the integration global setup started.
let cognito: authTesting.CognitoTestEnv;
let config: ResolvedAuthConfig;
let app: FastifyInstance;

beforeAll(async () => {
  cognito = authTesting.cognitoTestEnv();
  app = Fastify({ logger: false });
  // The service path: config from the environment, as a service would load it.
  config = loadAuthConfig({
    AWS_REGION: cognito.region,
    COGNITO_USER_POOL_ID: cognito.userPoolId,
    COGNITO_CLIENT_ID: cognito.clientId,
    COGNITO_ISSUER: cognito.issuer,
  });
  await app.register(authPlugin, { config });
  await app.register(async (scope) => {
    await scope.register(requireAuthentication);
    scope.get('/me', async (request) => ({ user: request.user }));
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
});

const me = (token: string) =>
  app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${token}` } });

describe('access tokens from cognito-local', () => {
  it('accepts a real access token and takes the user id from its sub', async () => {
    const user = await authTesting.createCognitoTestUser(cognito);
    const res = await me(user.accessToken);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.userId).toBe(user.userId);
    expect(body.user.clientId).toBe(cognito.clientId);
    expect(new Date(body.user.expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses the ID token from the same login', async () => {
    const user = await authTesting.createCognitoTestUser(cognito);
    const res = await me(user.idToken);
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
  });

  it('refuses an access token issued to another app client of the same pool', async () => {
    const user = await authTesting.createCognitoTestUser(cognito);
    const otherClientId = await authTesting.createCognitoTestClient(cognito);
    const tokens = await authTesting.signInCognitoTestUser({
      ...cognito,
      clientId: otherClientId,
      email: user.email,
      password: user.password,
    });
    expect((await me(tokens.accessToken)).statusCode).toBe(401);
    // The same user through the configured client is still fine.
    expect((await me(user.accessToken)).statusCode).toBe(200);
  });

  it('refuses a cognito-local token when the verifier expects another issuer', async () => {
    const user = await authTesting.createCognitoTestUser(cognito);
    const strict = Fastify({ logger: false });
    try {
      // Same JWKS, so the signature checks out; only the issuer differs.
      await strict.register(authPlugin, {
        config: { ...config, issuer: `${cognito.issuer.replace(/\/[^/]+$/, '')}/us-east-1_Other` },
      });
      strict.get('/me', { preHandler: strict.authenticate }, async () => ({ ok: true }));
      const res = await strict.inject({
        url: '/me',
        headers: { authorization: `Bearer ${user.accessToken}` },
      });
      expect(res.statusCode).toBe(401);
    } finally {
      await strict.close();
    }
  });
});
