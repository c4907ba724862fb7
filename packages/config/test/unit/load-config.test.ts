import { Type } from '@sinclair/typebox';
import { ConfigError, loadConfig } from '@taskmgr/config';
import { CursorConfigSchema, DynamoConfigSchema, resolveCursorSecret } from '@taskmgr/dynamo';

const Schema = Type.Object({
  PORT: Type.Integer({ default: 3000, minimum: 1, maximum: 65_535 }),
  DEBUG: Type.Boolean({ default: false }),
  NAME: Type.String({ minLength: 1 }),
});

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => i.variable);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('applies defaults and converts strings to the declared types', () => {
  expect(loadConfig(Schema, { NAME: 'svc', DEBUG: 'true' })).toEqual({
    PORT: 3000,
    DEBUG: true,
    NAME: 'svc',
  });
  expect(loadConfig(Schema, { NAME: 'svc', PORT: '8080' }).PORT).toBe(8080);
});

test('an empty variable counts as unset', () => {
  expect(loadConfig(Schema, { NAME: 'svc', PORT: '' }).PORT).toBe(3000);
});

test('every bad variable is named, once', () => {
  expect(issuesOf(() => loadConfig(Schema, { PORT: 'abc', DEBUG: 'maybe' })).sort()).toEqual([
    'DEBUG',
    'NAME',
    'PORT',
  ]);
  expect(() => loadConfig(Schema, { PORT: '70000', NAME: 'x' })).toThrow(/PORT/);
});

test('variables the schema does not declare are ignored', () => {
  expect(loadConfig(Schema, { NAME: 'svc', PATH: '/usr/bin' })).not.toHaveProperty('PATH');
});

describe('DynamoDB settings', () => {
  test('a DynamoDB Local endpoint is accepted', () => {
    expect(
      loadConfig(DynamoConfigSchema, { DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' })
        .DYNAMODB_ENDPOINT,
    ).toBe('http://127.0.0.1:8000');
  });

  test('a malformed endpoint or table name is refused, naming the variable', () => {
    expect(
      issuesOf(() => loadConfig(DynamoConfigSchema, { DYNAMODB_ENDPOINT: 'ftp://x' })),
    ).toEqual(['DYNAMODB_ENDPOINT']);
    expect(issuesOf(() => loadConfig(DynamoConfigSchema, { DYNAMODB_TABLE_NAME: 'a b' }))).toEqual([
      'DYNAMODB_TABLE_NAME',
    ]);
  });

  test('production needs a configured cursor secret; elsewhere one is generated', () => {
    expect(() => resolveCursorSecret({}, 'production')).toThrow(/CURSOR_SECRET/);
    expect(resolveCursorSecret({}, 'development')).toHaveLength(43);
    const secret = 'x'.repeat(32);
    expect(
      resolveCursorSecret(loadConfig(CursorConfigSchema, { CURSOR_SECRET: secret }), 'production'),
    ).toBe(secret);
    expect(issuesOf(() => loadConfig(CursorConfigSchema, { CURSOR_SECRET: 'short' }))).toEqual([
      'CURSOR_SECRET',
    ]);
  });
});
