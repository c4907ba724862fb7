import { Type } from '@sinclair/typebox';
import { ConfigError } from '@taskmgr/config';
import { loadServiceConfig } from '@taskmgr/service-kit';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadServiceConfig(undefined, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('service configuration', () => {
  it('applies defaults', () => {
    const config = loadServiceConfig(undefined, {});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      HOST: '0.0.0.0',
      PORT: 3000,
      LOG_LEVEL: 'info',
      CORS_ORIGINS: ['http://localhost:3000'],
      BODY_LIMIT_BYTES: 1_048_576,
      SHUTDOWN_TIMEOUT_MS: 25_000,
      AWS_REGION: 'us-east-1',
    });
    expect(config.SHUTDOWN_TIMEOUT_MS).toBeLessThan(30_000);
    expect(config.DYNAMODB_ENDPOINT).toBeUndefined();
  });

  it('converts numbers and splits the CORS allow-list', () => {
    const config = loadServiceConfig(undefined, {
      PORT: '8080',
      BODY_LIMIT_BYTES: '4096',
      CORS_ORIGINS: 'https://app.example.com , http://localhost:5173',
      DYNAMODB_ENDPOINT: 'http://localhost:8000',
    });
    expect(config.PORT).toBe(8080);
    expect(config.BODY_LIMIT_BYTES).toBe(4096);
    expect(config.CORS_ORIGINS).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(config.DYNAMODB_ENDPOINT).toBe('http://localhost:8000');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['NODE_ENV', 'banana'],
    ['LOG_LEVEL', 'loud'],
    ['CORS_ORIGINS', 'https://app.example.com/path'],
    ['CORS_ORIGINS', '*'],
    ['SHUTDOWN_TIMEOUT_MS', 'soon'],
    ['DYNAMODB_TABLE_NAME', 'x'],
  ])('names %s when it is %p', (variable, value) => {
    const error = configError({ [variable]: value });
    expect(error.issues.map((i) => i.variable)).toEqual([variable]);
    expect(error.message).toContain(variable);
  });

  it('names every bad variable at once', () => {
    const error = configError({ PORT: 'abc', NODE_ENV: 'banana' });
    expect(error.issues.map((i) => i.variable).sort()).toEqual(['NODE_ENV', 'PORT']);
    expect(error.message).toMatch(/NODE_ENV: .*development, test, production/);
  });

  it('adds a service-specific schema', () => {
    const extra = Type.Object({
      COGNITO_CLIENT_ID: Type.String({ minLength: 1 }),
      REMINDER_INTERVAL_MS: Type.Integer({ default: 60_000 }),
    });
    const config = loadServiceConfig(extra, { COGNITO_CLIENT_ID: 'abc', PORT: '3001' });
    expect(config.COGNITO_CLIENT_ID).toBe('abc');
    expect(config.REMINDER_INTERVAL_MS).toBe(60_000);
    expect(config.PORT).toBe(3001);
    expect(() => loadServiceConfig(extra, {})).toThrow(/COGNITO_CLIENT_ID/);
  });
});
