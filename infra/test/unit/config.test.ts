import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../lib/config';
import { contextWith } from './support/synth';

function load(overrides: Record<string, unknown>, env: Record<string, string> = {}) {
  const context = contextWith(overrides);
  return loadConfig((key) => context[key], env);
}

function problems(overrides: Record<string, unknown>): string[] {
  try {
    load(overrides);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const prodRequired = {
  alarmEmail: 'ops@example.com',
  notificationEmailFrom: 'no-reply@example.com',
};

describe('config from context', () => {
  it('defaults to dev with the cdk.json block and the CLI default account and region', () => {
    const config = load(
      {},
      { CDK_DEFAULT_ACCOUNT: '123456789012', CDK_DEFAULT_REGION: 'eu-west-1' },
    );
    expect(config).toMatchObject({
      envName: 'dev',
      prefix: 'taskmgr-dev',
      account: '123456789012',
      region: 'eu-west-1',
      reminderIntervalMinutes: 15,
      blueGreen: false,
      natGateways: 1,
      retainData: false,
      smsDirectPublish: true,
      scaling: { cpu: 256, memoryMiB: 512, minCount: 1, maxCount: 3 },
    });
    expect(config.domain).toBeUndefined();
    expect(config.pipeline).toBeUndefined();
  });

  it('reads prod from its block and lets -c values (strings) override it', () => {
    const config = load({
      env: 'prod',
      ...prodRequired,
      reminderIntervalMinutes: '30',
      blueGreen: 'true',
      natGateways: '1',
    });
    expect(config).toMatchObject({
      envName: 'prod',
      retainData: true,
      reminderIntervalMinutes: 30,
      blueGreen: true,
      natGateways: 1,
      logRetentionDays: 365,
    });
    expect(config.scaling.minCount).toBe(2);
  });

  it('requires a sender and an alarm address in prod, naming both', () => {
    const found = problems({ env: 'prod' });
    expect(found.some((p) => p.startsWith('notificationEmailFrom:'))).toBe(true);
    expect(found.some((p) => p.startsWith('alarmEmail:'))).toBe(true);
  });

  it('rejects an unknown environment', () => {
    expect(problems({ env: 'staging' })).toEqual(['env: must be "dev" or "prod" (got "staging")']);
  });

  it.each([
    ['reminderIntervalMinutes', '0'],
    ['reminderIntervalMinutes', 'often'],
    ['imageTag', 'has spaces'],
    ['blueGreen', 'yes'],
    ['natGateways', '3'],
    ['logRetentionDays', '45'],
    ['webOrigin', 'http://app.example.com'],
    ['webOrigin', 'https://app.example.com/path'],
    ['additionalCorsOrigins', 'https://ok.example.com,ftp://bad'],
    ['alarmEmail', 'not-an-email'],
    ['hostedZoneName', 'Not A Zone'],
    ['account', '12345'],
    ['region', 'mars-1'],
  ])('names the key when %s is %p', (key, value) => {
    const found = problems({ [key]: value });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((p) => p.startsWith(`${key}:`))).toBe(true);
  });

  it('rejects Fargate sizes that do not exist', () => {
    expect(problems({ taskCpu: '256', taskMemoryMiB: '4096' })).toEqual([
      expect.stringMatching(/^taskMemoryMiB: 4096 is not allowed with taskCpu 256/),
    ]);
  });

  it('catches typos in the per-env block', () => {
    expect(problems({ environments: { dev: { reminderIntervalMinute: 5 } } })).toEqual([
      'environments.dev.reminderIntervalMinute: unknown context key',
    ]);
  });

  it('needs a concrete account and region for a custom domain, and the zone name with its id', () => {
    expect(problems({ hostedZoneName: 'example.com' })).toEqual([
      expect.stringMatching(/^hostedZoneName: a custom domain needs a concrete account and region/),
    ]);
    expect(problems({ hostedZoneId: 'Z0123456789' })).toEqual([
      'hostedZoneId: given without hostedZoneName',
    ]);
    const config = load({
      hostedZoneName: 'example.com',
      hostedZoneId: 'Z0123456789',
      account: '123456789012',
      region: 'eu-west-1',
    });
    expect(config.domain).toEqual({
      hostedZoneName: 'example.com',
      hostedZoneId: 'Z0123456789',
      apiSubdomain: 'api',
      webSubdomain: 'app',
    });
  });

  it('needs both the connection and the repository for the pipeline', () => {
    expect(problems({ pipelineRepository: 'owner/repo' })).toEqual([
      'pipelineConnectionArn/pipelineRepository: give both or neither',
    ]);
    const config = load({
      pipelineRepository: 'owner/repo',
      pipelineConnectionArn:
        'arn:aws:codeconnections:eu-west-1:123456789012:connection/0b7b0c1e-1111-2222-3333-444455556666',
    });
    expect(config.pipeline).toMatchObject({
      repository: 'owner/repo',
      branch: 'main',
      bootstrapQualifier: 'hnb659fds',
      requireApproval: false,
    });
  });

  it('accepts a list of extra CORS origins, http only for localhost', () => {
    const config = load({
      additionalCorsOrigins: 'http://localhost:3000, https://staging.example.com',
    });
    expect(config.additionalCorsOrigins).toEqual([
      'http://localhost:3000',
      'https://staging.example.com',
    ]);
  });
});

describe('package', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const all = { ...pkg.dependencies, ...pkg.devDependencies };

  it('uses aws-cdk-lib v2 and none of the end-of-life @aws-cdk/* v1 construct libraries', () => {
    expect(pkg.dependencies['aws-cdk-lib']).toBe('2.276.0');
    expect(Object.keys(all).filter((name) => name.startsWith('@aws-cdk/'))).toEqual([]);
  });

  it('pins every external dependency exactly', () => {
    for (const [name, version] of Object.entries(all)) {
      if (version.startsWith('workspace:')) continue;
      expect(`${name}@${version}`).toMatch(/@\d+\.\d+\.\d+$/);
    }
  });
});
