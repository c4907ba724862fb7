import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import Fastify, {
  type FastifyInstance,
  type LightMyRequestResponse,
  type RouteOptions,
} from 'fastify';
import {
  type AccessTokenVerifier,
  type AccessTokenVerifierOptions,
  authenticatedUser,
  authPlugin,
  type ResolvedAuthConfig,
  requireAuthentication,
} from '../../src/index';
import {
  accessClaims,
  createTestKey,
  JwksServer,
  nowSeconds,
  signHs256,
  signJwt,
  type TestKey,
  unsignedJwt,
} from '../support/forge';

const CLIENT_ID = 'testclient123';
const INVALID = 'The access token is not valid.';

let signingKey: TestKey;
let otherKey: TestKey;
let jwks: JwksServer;
let foreign: JwksServer;
let config: ResolvedAuthConfig;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  signingKey = createTestKey();
  otherKey = createTestKey();
  jwks = await new JwksServer().start();
  foreign = await new JwksServer('us-east-1_Foreign').start();
  config = {
    region: 'us-east-1',
    userPoolId: jwks.poolId,
    clientId: CLIENT_ID,
    issuer: jwks.issuer,
    jwksUri: jwks.jwksUri,
  };
});

beforeEach(() => {
  jwks.keys = [signingKey.jwk];
  jwks.failWith = undefined;
  jwks.requests = 0;
  foreign.keys = [otherKey.jwk];
  foreign.requests = 0;
});

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

afterAll(async () => {
  await Promise.all([jwks.stop(), foreign.stop()]);
});

async function buildApp(
  options: { verifierOptions?: AccessTokenVerifierOptions; verifier?: AccessTokenVerifier } = {},
  authConfig: ResolvedAuthConfig = config,
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  apps.push(app);
  await app.register(
    authPlugin,
    options.verifier
      ? { verifier: options.verifier }
      : { config: authConfig, verifierOptions: options.verifierOptions },
  );
  app.get('/me', { preHandler: app.authenticate }, async (request) => ({ user: request.user }));
  app.get('/public', async (request) => ({ user: request.user }));
  await app.ready();
  return app;
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

const header = (overrides: Record<string, unknown> = {}) => ({
  alg: 'RS256',
  kid: signingKey.kid,
  ...overrides,
});

function validToken(claims: Record<string, unknown> = {}, headerOverrides = {}): string {
  return signJwt(
    header(headerOverrides),
    accessClaims(config.issuer, CLIENT_ID, claims),
    signingKey.privateKey,
  );
}

function callMe(app: FastifyInstance, authorization?: string): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'GET',
    url: '/me',
    headers: authorization === undefined ? {} : { authorization },
  });
}

function expectProblem(res: LightMyRequestResponse, status: number): Record<string, unknown> {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toEqual({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  return body;
}

function expectRejected(res: LightMyRequestResponse, detail = INVALID): void {
  const body = expectProblem(res, 401);
  expect(body.detail).toBe(detail);
  expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
}

describe('authPlugin: accepted tokens', () => {
  it('accepts a valid access token and takes the user from its claims', async () => {
    const app = await buildApp();
    const sub = randomUUID();
    const res = await callMe(app, `Bearer ${validToken({ sub, username: 'ada', scope: 'a b' })}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toEqual({
      userId: sub,
      username: 'ada',
      scopes: ['a', 'b'],
      clientId: CLIENT_ID,
      expiresAt: expect.any(String),
    });
    expect(jwks.requests).toBe(1);
  });

  it('accepts the scheme in any case and reuses cached keys', async () => {
    const app = await buildApp();
    expect((await callMe(app, `bearer ${validToken()}`)).statusCode).toBe(200);
    expect((await callMe(app, `BEARER ${validToken()}`)).statusCode).toBe(200);
    expect(jwks.requests).toBe(1);
  });

  it('remembers a verified token only until it expires', async () => {
    const app = await buildApp({ verifierOptions: { clockSkewSeconds: 0 } });
    const token = `Bearer ${validToken({ exp: nowSeconds() + 60 })}`;
    expect((await callMe(app, token)).statusCode).toBe(200);
    expect((await callMe(app, token)).statusCode).toBe(200);
    const realNow = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(realNow + 120_000);
    try {
      expectRejected(await callMe(app, token), 'The access token has expired.');
    } finally {
      clock.mockRestore();
    }
  });

  it('hands each request the user of its own token', async () => {
    const app = await buildApp();
    const [ada, bob] = [randomUUID(), randomUUID()];
    const adaToken = `Bearer ${validToken({ sub: ada })}`;
    const bobToken = `Bearer ${validToken({ sub: bob })}`;
    for (let round = 0; round < 2; round += 1) {
      expect((await callMe(app, adaToken)).json().user.userId).toBe(ada);
      expect((await callMe(app, bobToken)).json().user.userId).toBe(bob);
    }
  });

  it('leaves request.user null on routes that do not authenticate', async () => {
    const app = await buildApp();
    const res = await app.inject({
      url: '/public',
      headers: { authorization: `Bearer ${validToken()}` },
    });
    expect(res.json()).toEqual({ user: null });
  });
});

describe('authPlugin: forged and wrong tokens are refused with 401', () => {
  it('refuses alg "none", with or without a signature part', async () => {
    const app = await buildApp();
    const claims = accessClaims(config.issuer, CLIENT_ID);
    expectRejected(
      await callMe(app, `Bearer ${unsignedJwt(header({ alg: 'none' }), claims)}`),
      'The Authorization header does not hold a well-formed Bearer access token.',
    );
    expectRejected(await callMe(app, `Bearer ${unsignedJwt(header({ alg: 'none' }), claims)}AAAA`));
  });

  it('refuses HS256 signed with the RSA public key as the HMAC secret', async () => {
    const app = await buildApp();
    const claims = accessClaims(config.issuer, CLIENT_ID);
    const pem = signingKey.publicKey.export({ type: 'spki', format: 'pem' });
    const jwkN = String(signingKey.jwk.n);
    for (const secret of [pem, JSON.stringify(signingKey.jwk), jwkN]) {
      expectRejected(
        await callMe(app, `Bearer ${signHs256(header({ alg: 'HS256' }), claims, secret)}`),
      );
    }
  });

  it('refuses RS384 and RS512 even when signed with the right key', async () => {
    const app = await buildApp();
    const claims = accessClaims(config.issuer, CLIENT_ID);
    for (const [alg, hash] of [
      ['RS384', 'sha384'],
      ['RS512', 'sha512'],
    ] as const) {
      const token = signJwt(header({ alg }), claims, signingKey.privateKey, hash);
      expectRejected(await callMe(app, `Bearer ${token}`));
    }
  });

  it('refuses a token from a foreign issuer and never fetches its JWKS', async () => {
    const app = await buildApp();
    const token = signJwt(
      { alg: 'RS256', kid: otherKey.kid },
      accessClaims(foreign.issuer, CLIENT_ID),
      otherKey.privateKey,
    );
    expectRejected(await callMe(app, `Bearer ${token}`));
    expect(foreign.requests).toBe(0);
    // Refused on the issuer before any key lookup, so it costs no JWKS fetch either.
    expect(jwks.requests).toBe(0);
  });

  it('refuses the right issuer signed by a key that is not in the configured JWKS', async () => {
    const app = await buildApp();
    const claims = accessClaims(config.issuer, CLIENT_ID);
    // Same kid as the real key, different private key.
    const sameKid = signJwt(header(), claims, otherKey.privateKey);
    // Attacker's own kid, which the configured JWKS does not list.
    const ownKid = signJwt(header({ kid: otherKey.kid }), claims, otherKey.privateKey);
    expectRejected(await callMe(app, `Bearer ${sameKid}`));
    expectRejected(await callMe(app, `Bearer ${ownKid}`));
  });

  it('refuses a token whose signature was kept but whose claims were edited', async () => {
    const app = await buildApp();
    const [h, , s] = validToken().split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify(accessClaims(config.issuer, CLIENT_ID, { sub: 'someone-else' })),
    ).toString('base64url');
    expectRejected(await callMe(app, `Bearer ${h}.${forgedPayload}.${s}`));
  });

  it('refuses an expired token, saying only that it expired', async () => {
    const app = await buildApp();
    const iat = nowSeconds() - 7200;
    const res = await callMe(app, `Bearer ${validToken({ iat, exp: iat + 3600 })}`);
    expectRejected(res, 'The access token has expired.');
  });

  it('refuses a token that is not yet valid (nbf) or issued in the future (iat)', async () => {
    const app = await buildApp();
    const later = nowSeconds() + 600;
    expectRejected(await callMe(app, `Bearer ${validToken({ nbf: later })}`));
    expectRejected(await callMe(app, `Bearer ${validToken({ iat: later, exp: later + 3600 })}`));
  });

  it('tolerates a small clock skew', async () => {
    const app = await buildApp();
    const soon = nowSeconds() + 10;
    expect((await callMe(app, `Bearer ${validToken({ nbf: soon, iat: soon })}`)).statusCode).toBe(
      200,
    );
  });

  it('refuses tokens without exp or with an implausible lifetime', async () => {
    const app = await buildApp();
    expectRejected(await callMe(app, `Bearer ${validToken({ exp: undefined })}`));
    expectRejected(await callMe(app, `Bearer ${validToken({ exp: nowSeconds() + 30 * 86400 })}`));
  });

  it('refuses an ID token where an access token is required', async () => {
    const app = await buildApp();
    const idToken = validToken({ token_use: 'id', aud: CLIENT_ID, client_id: undefined });
    expectRejected(await callMe(app, `Bearer ${idToken}`));
    expectRejected(await callMe(app, `Bearer ${validToken({ token_use: 'id' })}`));
  });

  it('refuses a token for another app client', async () => {
    const app = await buildApp();
    expectRejected(await callMe(app, `Bearer ${validToken({ client_id: 'otherclient' })}`));
    expectRejected(await callMe(app, `Bearer ${validToken({ client_id: undefined })}`));
  });

  it('refuses unknown kids and missing kids', async () => {
    const app = await buildApp();
    expectRejected(await callMe(app, `Bearer ${validToken({}, { kid: 'nope' })}`));
    expectRejected(await callMe(app, `Bearer ${validToken({}, { kid: undefined })}`));
  });

  it('ignores jku and x5u headers: keys only ever come from the configured JWKS', async () => {
    const app = await buildApp();
    const attacker = signJwt(
      { alg: 'RS256', kid: otherKey.kid, jku: foreign.jwksUri, x5u: foreign.jwksUri },
      accessClaims(config.issuer, CLIENT_ID),
      otherKey.privateKey,
    );
    expectRejected(await callMe(app, `Bearer ${attacker}`));
    expect(foreign.requests).toBe(0);
    // A genuine token carrying the header is judged on the configured keys alone.
    const genuine = validToken({}, { jku: foreign.jwksUri });
    expect((await callMe(app, `Bearer ${genuine}`)).statusCode).toBe(200);
    expect(foreign.requests).toBe(0);
  });

  it('refuses a token signed with a non-RSA key from the JWKS even when labelled RS256', async () => {
    const app = await buildApp();
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    // No `alg` on the JWK, so only the key-type check stands between this and acceptance.
    jwks.keys = [signingKey.jwk, { ...publicKey.export({ format: 'jwk' }), kid: 'ec', use: 'sig' }];
    const input = `${b64(header({ kid: 'ec' }))}.${b64(accessClaims(config.issuer, CLIENT_ID))}`;
    const signature = sign('sha256', Buffer.from(input), {
      key: privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    expectRejected(await callMe(app, `Bearer ${input}.${signature.toString('base64url')}`));
  });

  it('refuses tokens with a crit header, and keys that are too short', async () => {
    const app = await buildApp();
    expectRejected(await callMe(app, `Bearer ${validToken({}, { crit: ['exp'] })}`));
    const weak = createTestKey('weak', 1024);
    jwks.keys = [signingKey.jwk, weak.jwk];
    const token = signJwt(
      { alg: 'RS256', kid: 'weak' },
      accessClaims(config.issuer, CLIENT_ID),
      weak.privateKey,
    );
    expectRejected(await callMe(app, `Bearer ${token}`));
  });

  it('gives the same answer whichever check failed', async () => {
    const app = await buildApp();
    const claims = accessClaims(config.issuer, CLIENT_ID);
    const tokens = [
      signHs256(header({ alg: 'HS256' }), claims, 'secret'),
      signJwt(header(), claims, otherKey.privateKey),
      validToken({ token_use: 'id' }),
      validToken({ client_id: 'x' }),
      validToken({ iss: foreign.issuer }),
    ];
    const bodies = await Promise.all(
      tokens.map(async (t) => (await callMe(app, `Bearer ${t}`)).body),
    );
    expect(new Set(bodies).size).toBe(1);
  });
});

describe('authPlugin: Authorization header', () => {
  it('answers a missing header with 401 and a bare Bearer challenge', async () => {
    const app = await buildApp();
    const res = await callMe(app);
    expectProblem(res, 401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it.each([
    ['empty bearer', 'Bearer '],
    ['scheme only', 'Bearer'],
    ['wrong scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['token without scheme', 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln'],
    ['two tokens', 'Bearer a.b.c d.e.f'],
    ['non-token characters', 'Bearer a.b.c"'],
  ])('refuses a malformed header (%s)', async (_name, authorization) => {
    const app = await buildApp();
    expectRejected(
      await callMe(app, authorization),
      'The Authorization header does not hold a well-formed Bearer access token.',
    );
    expect(jwks.requests).toBe(0);
  });

  it.each([
    ['garbage', 'Bearer garbage'],
    ['three garbage parts', 'Bearer a.b.c'],
    ['oversized token', `Bearer ${'a'.repeat(20_000)}.b.c`],
  ])('refuses a token that is not a JWT (%s)', async (_name, authorization) => {
    const app = await buildApp();
    const res = await callMe(app, authorization);
    expectProblem(res, 401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    expect(jwks.requests).toBe(0);
  });
});

describe('authPlugin: JWKS fetching', () => {
  it('fetches again on an unknown kid once the cooldown is over (key rotation)', async () => {
    let clock = 0;
    const app = await buildApp({ verifierOptions: { jwks: { now: () => clock } } });
    expect((await callMe(app, `Bearer ${validToken()}`)).statusCode).toBe(200);
    const rotated = createTestKey();
    jwks.keys = [signingKey.jwk, rotated.jwk];
    const token = signJwt(
      { alg: 'RS256', kid: rotated.kid },
      accessClaims(config.issuer, CLIENT_ID),
      rotated.privateKey,
    );
    // Within the cooldown the new kid is unknown and no fetch is made.
    expectRejected(await callMe(app, `Bearer ${token}`));
    expect(jwks.requests).toBe(1);
    clock += 31_000;
    expect((await callMe(app, `Bearer ${token}`)).statusCode).toBe(200);
    expect(jwks.requests).toBe(2);
  });

  it('does not let a flood of unknown kids hammer the JWKS endpoint', async () => {
    const app = await buildApp();
    const flood = Array.from({ length: 40 }, (_, i) => validToken({}, { kid: `made-up-${i}` }));
    const results = await Promise.all(flood.map((t) => callMe(app, `Bearer ${t}`)));
    for (const res of results) expectRejected(res);
    for (const t of flood.slice(0, 10)) expectRejected(await callMe(app, `Bearer ${t}`));
    expect(jwks.requests).toBe(1);
    // Genuine tokens keep working meanwhile.
    expect((await callMe(app, `Bearer ${validToken()}`)).statusCode).toBe(200);
  });

  it('answers 503 problem+json, not 500, when the JWKS endpoint is down, and backs off', async () => {
    jwks.failWith = 500;
    let clock = 0;
    const app = await buildApp({ verifierOptions: { jwks: { now: () => clock } } });
    const res = await callMe(app, `Bearer ${validToken()}`);
    expectProblem(res, 503);
    expect(res.headers['retry-after']).toBeDefined();
    for (let i = 0; i < 10; i++) expectProblem(await callMe(app, `Bearer ${validToken()}`), 503);
    expect(jwks.requests).toBe(1);
    // Recovers once the endpoint is back and the cooldown has passed.
    jwks.failWith = undefined;
    clock += 31_000;
    expect((await callMe(app, `Bearer ${validToken()}`)).statusCode).toBe(200);
  });

  it('answers 503 when the JWKS endpoint cannot be reached at all', async () => {
    const gone = await new JwksServer().start();
    const unreachable = { ...config, jwksUri: gone.jwksUri };
    await gone.stop();
    const app = await buildApp({}, unreachable);
    expectProblem(await callMe(app, `Bearer ${validToken()}`), 503);
  });

  it('keeps using cached keys while a refresh fails, and drops keys the JWKS removed', async () => {
    let clock = 0;
    const app = await buildApp({
      verifierOptions: { jwks: { now: () => clock, maxAgeMs: 1_000, refreshCooldownMs: 0 } },
    });
    // One token throughout: a remembered token must not outlive its key either.
    const token = `Bearer ${validToken()}`;
    expect((await callMe(app, token)).statusCode).toBe(200);
    jwks.failWith = 503;
    clock += 2_000;
    expect((await callMe(app, token)).statusCode).toBe(200);
    expect(jwks.requests).toBe(2);
    jwks.failWith = undefined;
    jwks.keys = [otherKey.jwk];
    clock += 2_000;
    expectRejected(await callMe(app, token));
  });
});

describe('authPlugin: never a 500', () => {
  it('turns an unexpected verifier failure into a 401', async () => {
    const broken: AccessTokenVerifier = {
      issuer: config.issuer,
      clientId: CLIENT_ID,
      jwksUri: config.jwksUri,
      verify: async () => {
        throw new TypeError('boom');
      },
      hydrate: async () => {},
    };
    const app = await buildApp({ verifier: broken });
    expectRejected(await callMe(app, `Bearer ${validToken()}`));
  });
});

describe('requireAuthentication', () => {
  it('protects every route of the encapsulated plugin and documents bearerAuth', async () => {
    const app = Fastify({ logger: false });
    apps.push(app);
    const routes = new Map<string, RouteOptions>();
    await app.register(authPlugin, { config });
    app.addHook('onRoute', (route) => {
      routes.set(route.url, route);
    });
    app.get('/me', { preHandler: app.authenticate }, async (request) => ({ user: request.user }));
    await app.register(async (scope) => {
      await scope.register(requireAuthentication);
      scope.addHook('onRoute', (route) => {
        routes.set(route.url, route);
      });
      scope.get('/scoped', async (request) => ({ userId: authenticatedUser(request).userId }));
    });
    app.get('/open', async (request) => ({ userId: authenticatedUser(request).userId }));
    await app.ready();

    expectProblem(await app.inject({ url: '/scoped' }), 401);
    const sub = randomUUID();
    const ok = await app.inject({
      url: '/scoped',
      headers: { authorization: `Bearer ${validToken({ sub })}` },
    });
    expect(ok.json()).toEqual({ userId: sub });
    // A route that forgot to authenticate fails closed rather than running without a user.
    expect((await app.inject({ url: '/open' })).statusCode).toBe(500);

    const scoped = routes.get('/scoped')?.schema as Record<string, unknown> | undefined;
    expect(scoped?.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys((scoped?.response as object) ?? {})).toEqual(['401', '503']);
    const me = routes.get('/me')?.schema as Record<string, unknown> | undefined;
    expect(me?.security).toEqual([{ bearerAuth: [] }]);
    expect((routes.get('/open')?.schema as Record<string, unknown> | undefined)?.security).toBe(
      undefined,
    );
  });

  it('turns an anonymous caller away before the body is validated', async () => {
    const app = Fastify({ logger: false });
    apps.push(app);
    await app.register(authPlugin, { config });
    await app.register(async (scope) => {
      await scope.register(requireAuthentication);
      scope.post(
        '/things',
        {
          schema: {
            body: {
              type: 'object',
              required: ['name'],
              properties: { name: { type: 'string' } },
              additionalProperties: false,
            },
          },
        },
        async (request) => ({ userId: authenticatedUser(request).userId }),
      );
    });
    await app.ready();

    const anonymous = await app.inject({ method: 'POST', url: '/things', payload: {} });
    expectProblem(anonymous, 401);
    const signedIn = await app.inject({
      method: 'POST',
      url: '/things',
      payload: {},
      headers: { authorization: `Bearer ${validToken()}` },
    });
    expect(signedIn.statusCode).toBe(400);
  });
});
