import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COGNITO_ENV_FILE_VARIABLES, formatEnvFile, parseEnvFile } from '../../src/env-file';

const values = {
  COGNITO_USER_POOL_ID: 'local_4Xy9AbCd',
  COGNITO_CLIENT_ID: '6k3h2j1g0f9e8d7c6b5a4z3y2x',
  COGNITO_ISSUER: 'http://cognito-local:9229/local_4Xy9AbCd',
};

describe('the Cognito ids file', () => {
  it('round-trips the three variables', () => {
    expect(parseEnvFile(formatEnvFile(values))).toEqual(values);
    expect(Object.keys(parseEnvFile(formatEnvFile(values)))).toEqual([
      ...COGNITO_ENV_FILE_VARIABLES,
    ]);
  });

  it('is read by node --env-file exactly as written', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cognito-env-')), 'cognito.env');
    writeFileSync(file, formatEnvFile(values));
    const result = spawnSync(
      process.execPath,
      [
        `--env-file=${file}`,
        '-e',
        `process.stdout.write(JSON.stringify([${COGNITO_ENV_FILE_VARIABLES.map((n) => `process.env.${n}`).join(',')}]))`,
      ],
      { encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(COGNITO_ENV_FILE_VARIABLES.map((n) => values[n]));
  });

  it('refuses values that would need quoting', () => {
    expect(() => formatEnvFile({ ...values, COGNITO_CLIENT_ID: 'a b' })).toThrow(
      'COGNITO_CLIENT_ID',
    );
  });
});
