import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalEngines } from '@taskmgr/local-engines';
import { upstreamUrlVariable } from '@taskmgr/route-table';
import { StaticHostConfigSchema } from '../../../static-host/src/config';
import {
  gatewaySpec,
  repoRoot,
  type StackPorts,
  serviceEnv,
  webSpec,
} from '../../src/process-specs';

const ports: StackPorts = {
  gateway: 18080,
  user: 13001,
  task: 13002,
  notification: 13003,
  web: 13000,
  dynamo: 18000,
  cognito: 19229,
};

const engines = {
  env: {
    DYNAMODB_ENDPOINT: 'http://127.0.0.1:18000',
    AWS_REGION: 'us-east-1',
    COGNITO_ENDPOINT: 'http://127.0.0.1:19229',
    COGNITO_USER_POOL_ID: 'local_pool',
    COGNITO_CLIENT_ID: 'client',
    COGNITO_ISSUER: 'http://127.0.0.1:19229/local_pool',
  },
} as LocalEngines;

const options = {
  engines,
  ports,
  cursorSecret: 's'.repeat(43),
  logLevel: 'info',
  reminderIntervalSeconds: 60,
};

describe('process specs', () => {
  test('each service gets the engines, its own port and trusts the gateway as one proxy hop', () => {
    const env = serviceEnv('task', options);
    expect(env).toMatchObject({
      ...engines.env,
      PORT: '13002',
      HOST: '127.0.0.1',
      TRUST_PROXY_HOPS: '1',
      CORS_ORIGINS: 'http://localhost:13000,http://127.0.0.1:13000',
    });
  });

  test('the notification service runs its timers and the local delivery channel', () => {
    expect(serviceEnv('notification', options)).toMatchObject({
      DELIVERY_MODE: 'local',
      REMINDER_INTERVAL_SECONDS: '60',
      COMPLETION_POLL_INTERVAL_MS: '1000',
    });
    expect(serviceEnv('user', options)).toMatchObject({ AUTO_CONFIRM_SIGNUP: 'true' });
  });

  test('extra variables win over the defaults', () => {
    const env = serviceEnv('task', { ...options, extraEnv: { task: { LOG_LEVEL: 'warn' } } });
    expect(env.LOG_LEVEL).toBe('warn');
  });

  test('the gateway is pointed at each service by the variable the route table names', () => {
    const { env } = gatewaySpec(ports, 'info');
    expect(env).toMatchObject({
      GATEWAY_PORT: '18080',
      [upstreamUrlVariable('user')]: 'http://127.0.0.1:13001',
      [upstreamUrlVariable('task')]: 'http://127.0.0.1:13002',
      [upstreamUrlVariable('notification')]: 'http://127.0.0.1:13003',
    });
  });

  test('static mode serves web/out with the static host the web image runs, on PORT and HOST', () => {
    const spec = webSpec(ports, 'http://127.0.0.1:18080', 'static');
    expect(spec).toMatchObject({ command: 'npm', args: ['run', '--silent', 'serve'] });
    expect(spec.cwd).toBe(join(repoRoot, 'web'));
    expect(spec.env).toMatchObject({ PORT: '13000', HOST: '127.0.0.1' });
    expect(spec.env.HOSTNAME).toBeUndefined();
    const hostVariables = Object.keys(StaticHostConfigSchema.properties);
    expect(hostVariables).toEqual(expect.arrayContaining(['PORT', 'HOST', 'WEB_ROOT']));

    const manifest = JSON.parse(readFileSync(join(repoRoot, 'web', 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const serve = manifest.scripts.serve ?? '';
    expect(serve).toMatch(/\bWEB_ROOT=\$\{WEB_ROOT:-out\} /);
    const entry = /\S+\/static-host\/src\/server\.ts/.exec(serve)?.[0] ?? '';
    expect(entry).not.toBe('');
    expect(existsSync(join(repoRoot, 'web', entry))).toBe(true);
    // `next dev` listens where the static host would.
    expect(manifest.scripts.dev).toMatch(/--hostname \$\{HOST:-127\.0\.0\.1\}/);
    expect(manifest.scripts.dev).toMatch(/--port \$\{PORT:-3000\}/);
  });
});
