import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@taskmgr/config';
import { loadStaticHostConfig } from '../../src/config';

const work = mkdtempSync(join(tmpdir(), 'static-host-config-'));
mkdirSync(join(work, 'public'));
mkdirSync(join(work, 'out'));
writeFileSync(join(work, 'file.txt'), 'x');

afterAll(() => rmSync(work, { recursive: true, force: true }));

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => i.variable);
    throw error;
  }
  return [];
}

describe('loadStaticHostConfig', () => {
  it('defaults to ./public on loopback port 3000', () => {
    expect(loadStaticHostConfig({}, work)).toEqual({
      host: '127.0.0.1',
      port: 3000,
      webRoot: join(work, 'public'),
      logLevel: 'info',
      shutdownTimeoutMs: 10_000,
    });
  });

  it('reads HOST, PORT and WEB_ROOT (relative to the working directory)', () => {
    const config = loadStaticHostConfig(
      { HOST: '0.0.0.0', PORT: '8081', WEB_ROOT: 'out', LOG_LEVEL: 'warn' },
      work,
    );
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8081,
      webRoot: join(work, 'out'),
      logLevel: 'warn',
    });
  });

  it('names every bad variable', () => {
    expect(
      issuesOf(() => loadStaticHostConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' }, work)),
    ).toEqual(['PORT', 'LOG_LEVEL']);
  });

  it.each(['missing', 'file.txt'])('refuses a WEB_ROOT that is not a folder: %s', (root) => {
    expect(issuesOf(() => loadStaticHostConfig({ WEB_ROOT: root }, work))).toEqual(['WEB_ROOT']);
  });
});
