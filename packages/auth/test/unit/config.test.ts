import { Type } from '@sinclair/typebox';
import { ConfigError, loadConfig } from '@taskmgr/config';
import { AuthConfigSchema, loadAuthConfig, resolveAuthConfig } from '../../src/index';

const POOL = 'eu-west-1_AbC123xyz';
const CLIENT = 'abc123client';
const base = { AWS_REGION: 'eu-west-1', COGNITO_USER_POOL_ID: POOL, COGNITO_CLIENT_ID: CLIENT };
const local = {
  ...base,
  COGNITO_ISSUER: `http://127.0.0.1:9229/${POOL}`,
};

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('auth config', () => {
  it('derives the Cognito issuer and JWKS URI from the region and pool', () => {
    expect(loadAuthConfig(base)).toEqual({
      region: 'eu-west-1',
      userPoolId: POOL,
      clientId: CLIENT,
      issuer: `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`,
      jwksUri: `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}/.well-known/jwks.json`,
    });
  });

  it('accepts the cognito-local issuer outside production', () => {
    for (const NODE_ENV of [undefined, 'development', 'test']) {
      const resolved = loadAuthConfig({ ...local, NODE_ENV });
      expect(resolved.issuer).toBe(`http://127.0.0.1:9229/${POOL}`);
      expect(resolved.jwksUri).toBe(`http://127.0.0.1:9229/${POOL}/.well-known/jwks.json`);
    }
  });

  it.each([
    ['127.0.0.1', `http://127.0.0.1:9229/${POOL}`],
    ['localhost', `http://localhost:9229/${POOL}`],
    ['https look-alike', `https://cognito-idp.eu-west-1.amazonaws.com.evil.test/${POOL}`],
    ['other pool', 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other'],
    ['trailing slash', `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}/`],
  ])('refuses a non-Cognito issuer in production (%s), naming COGNITO_ISSUER', (_n, issuer) => {
    const err = configError(() =>
      loadAuthConfig({ ...base, COGNITO_ISSUER: issuer, NODE_ENV: 'production' }),
    );
    expect(err.issues.map((i) => i.variable)).toContain('COGNITO_ISSUER');
    expect(err.message).toMatch(/COGNITO_ISSUER/);
  });

  it('refuses a JWKS URI off the issuer host or over http in production', () => {
    for (const jwksUri of [
      'https://keys.evil.test/jwks.json',
      `http://cognito-idp.eu-west-1.amazonaws.com/${POOL}/.well-known/jwks.json`,
    ]) {
      const err = configError(() =>
        loadAuthConfig({ ...base, COGNITO_JWKS_URI: jwksUri, NODE_ENV: 'production' }),
      );
      expect(err.issues.map((i) => i.variable)).toEqual(['COGNITO_JWKS_URI']);
    }
  });

  it('accepts the real Cognito issuer in production', () => {
    const resolved = resolveAuthConfig(
      { ...base, COGNITO_ISSUER: `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}` },
      { nodeEnv: 'production' },
    );
    expect(resolved.issuer).toBe(`https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`);
  });

  it('names missing and malformed variables', () => {
    const err = configError(() => loadAuthConfig({ COGNITO_CLIENT_ID: 'has spaces' }));
    expect(err.issues.map((i) => i.variable).sort()).toEqual([
      'COGNITO_CLIENT_ID',
      'COGNITO_USER_POOL_ID',
    ]);
    const region = configError(() => loadAuthConfig({ ...base, AWS_REGION: 'evil.test/x' }));
    expect(region.issues.map((i) => i.variable)).toEqual(['AWS_REGION']);
  });

  it('composes into a service schema that declares AWS_REGION the same way', () => {
    const ServiceSchema = Type.Composite([
      Type.Object({ AWS_REGION: Type.String({ default: 'us-east-1', minLength: 1 }) }),
      AuthConfigSchema,
      Type.Object({ PORT: Type.Integer({ default: 3000 }) }),
    ]);
    const loaded = loadConfig(ServiceSchema, base);
    expect(resolveAuthConfig(loaded, { nodeEnv: 'production' }).issuer).toBe(
      `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`,
    );
  });
});
