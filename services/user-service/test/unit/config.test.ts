import { ConfigError } from '@taskmgr/config';
import { resolveUserServiceSettings } from '../../src/config';
import { offlineConfig } from '../support/unit-config';

const PRODUCTION = {
  NODE_ENV: 'production',
  COGNITO_ENDPOINT: '',
  COGNITO_ISSUER: '',
  COGNITO_USER_POOL_ID: 'us-east-1_AbC123xyz',
};

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => i.variable);
    throw error;
  }
  return [];
}

describe('user service configuration', () => {
  test('development defaults: auto-confirm on, the documented limits and policy', () => {
    const settings = resolveUserServiceSettings(offlineConfig({ NODE_ENV: 'development' }));
    expect(settings.autoConfirmSignUp).toBe(true);
    expect(settings.passwordPolicy).toEqual({ minLength: 8, requireSymbol: false });
    expect(settings.rateLimits).toEqual({ windowMs: 60_000, perIp: 30, perEmail: 5 });
    expect(settings.cognitoEndpoint).toBe('http://127.0.0.1:9');
  });

  test('production defaults to confirmation by code and the real Cognito issuer', () => {
    const settings = resolveUserServiceSettings(offlineConfig(PRODUCTION));
    expect(settings.autoConfirmSignUp).toBe(false);
    expect(settings.auth.issuer).toBe(
      'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz',
    );
    expect(settings.cognitoEndpoint).toBeUndefined();
  });

  test('production refuses auto-confirm, a plain-http endpoint and the local issuer, naming each', () => {
    const issues = issuesOf(() =>
      resolveUserServiceSettings(
        offlineConfig({
          ...PRODUCTION,
          AUTO_CONFIRM_SIGNUP: 'true',
          COGNITO_ENDPOINT: 'http://127.0.0.1:9229',
          COGNITO_ISSUER: 'http://127.0.0.1:9229/us-east-1_AbC123xyz',
        }),
      ),
    );
    expect(issues).toEqual(
      expect.arrayContaining(['AUTO_CONFIRM_SIGNUP', 'COGNITO_ENDPOINT', 'COGNITO_ISSUER']),
    );
  });

  test('AUTO_CONFIRM_SIGNUP=false is honoured outside production', () => {
    const settings = resolveUserServiceSettings(offlineConfig({ AUTO_CONFIRM_SIGNUP: 'false' }));
    expect(settings.autoConfirmSignUp).toBe(false);
  });

  test.each([
    ['AUTO_CONFIRM_SIGNUP', 'maybe'],
    ['AUTH_RATE_LIMIT_PER_EMAIL', '0'],
    ['PASSWORD_MIN_LENGTH', '3'],
    ['COGNITO_ENDPOINT', 'cognito.local'],
    ['COGNITO_USER_POOL_ID', ''],
  ])('an invalid %s is refused by name', (variable, value) => {
    expect(issuesOf(() => offlineConfig({ [variable]: value }))).toContain(variable);
  });
});
