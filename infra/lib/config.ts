/**
 * Everything that differs between deployments comes from CDK context: `-c key=value` on the
 * command line, or the `environments.<env>` block in cdk.json. Values are validated here, once,
 * and every error names the context key so a bad deploy fails before CloudFormation is called.
 */

export type EnvName = 'dev' | 'prod';

export interface DomainConfig {
  /** Public Route 53 hosted zone, e.g. `example.com`. */
  readonly hostedZoneName: string;
  /** Zone id; with it the zone is imported without a lookup (works offline). */
  readonly hostedZoneId?: string;
  /** `api` gives `api.example.com`. */
  readonly apiSubdomain: string;
  /** `app` gives `app.example.com`. */
  readonly webSubdomain: string;
}

export interface PipelineConfig {
  /** CodeConnections (CodeStar Connections) ARN authorised for the repository. */
  readonly connectionArn: string;
  /** `owner/name` of the repository. */
  readonly repository: string;
  readonly branch: string;
  /** CDK bootstrap qualifier; the deploy step assumes the bootstrap roles with it. */
  readonly bootstrapQualifier: string;
  /** A manual approval before the deploy stage. */
  readonly requireApproval: boolean;
}

export interface ScalingConfig {
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly desiredCount: number;
  readonly minCount: number;
  readonly maxCount: number;
  readonly cpuTargetPercent: number;
  readonly requestsPerTarget: number;
}

export interface AppConfig {
  readonly envName: EnvName;
  /** Prefix of stack and resource names: `taskmgr-dev`. */
  readonly prefix: string;
  readonly account?: string;
  readonly region?: string;
  /** Default of the image tag parameters; the pipeline passes the tag it built. */
  readonly imageTag?: string;
  readonly reminderIntervalMinutes: number;
  readonly blueGreen: boolean;
  readonly domain?: DomainConfig;
  /** Overrides the web origin derived from the domain or the CloudFront default domain. */
  readonly webOrigin?: string;
  readonly additionalCorsOrigins: readonly string[];
  readonly alarmEmail?: string;
  /** SES sender; without it no SES identity or permission is created. */
  readonly notificationEmailFrom?: string;
  /** Cognito sends its own mail through SES from `notificationEmailFrom` (verified first). */
  readonly cognitoEmailViaSes: boolean;
  /** Grants sns:Publish to phone numbers (SMS channel), which IAM can only express on `*`. */
  readonly smsDirectPublish: boolean;
  readonly natGateways: number;
  readonly logRetentionDays: number;
  /** Stateful resources survive stack deletion and refuse to be deleted. */
  readonly retainData: boolean;
  readonly scaling: ScalingConfig;
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly authThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly pipeline?: PipelineConfig;
}

/** Context keys this app reads. Anything else in an `environments` block is a typo. */
export const CONTEXT_KEYS = [
  'account',
  'region',
  'imageTag',
  'reminderIntervalMinutes',
  'blueGreen',
  'hostedZoneName',
  'hostedZoneId',
  'apiSubdomain',
  'webSubdomain',
  'webOrigin',
  'additionalCorsOrigins',
  'alarmEmail',
  'notificationEmailFrom',
  'cognitoEmailViaSes',
  'smsDirectPublish',
  'natGateways',
  'logRetentionDays',
  'desiredCount',
  'minCount',
  'maxCount',
  'taskCpu',
  'taskMemoryMiB',
  'apiRateLimit',
  'apiBurstLimit',
  'pipelineConnectionArn',
  'pipelineRepository',
  'pipelineBranch',
  'bootstrapQualifier',
  'pipelineRequireApproval',
] as const;

export type ContextKey = (typeof CONTEXT_KEYS)[number];

/** CloudWatch Logs accepts only these retention periods. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
];

/** Fargate CPU units and the memory sizes each allows. */
const FARGATE_MEMORY: Record<number, readonly number[]> = {
  256: [512, 1024, 2048],
  512: [1024, 2048, 3072, 4096],
  1024: [2048, 3072, 4096, 5120, 6144, 7168, 8192],
  2048: Array.from({ length: 13 }, (_, i) => 4096 + i * 1024),
  4096: Array.from({ length: 23 }, (_, i) => 8192 + i * 1024),
};

const ENV_DEFAULTS: Record<EnvName, Partial<Record<ContextKey, unknown>>> = {
  dev: {
    natGateways: 1,
    logRetentionDays: 30,
    desiredCount: 1,
    minCount: 1,
    maxCount: 3,
    taskCpu: 256,
    taskMemoryMiB: 512,
    apiRateLimit: 50,
    apiBurstLimit: 100,
    pipelineBranch: 'main',
    pipelineRequireApproval: false,
  },
  prod: {
    natGateways: 2,
    logRetentionDays: 365,
    desiredCount: 2,
    minCount: 2,
    maxCount: 10,
    taskCpu: 512,
    taskMemoryMiB: 1024,
    apiRateLimit: 500,
    apiBurstLimit: 1000,
    pipelineBranch: 'main',
    pipelineRequireApproval: true,
  },
};

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid CDK context:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type ContextReader = (key: string) => unknown;

/**
 * Reads and validates the configuration. `context` is `node.tryGetContext` (or a plain lookup in
 * tests); `processEnv` supplies the CLI's default account and region.
 */
export function loadConfig(
  context: ContextReader,
  processEnv: Readonly<Record<string, string | undefined>> = process.env,
): AppConfig {
  const problems: string[] = [];
  const rawEnv = context('env') ?? 'dev';
  if (rawEnv !== 'dev' && rawEnv !== 'prod') {
    throw new ConfigError([`env: must be "dev" or "prod" (got ${JSON.stringify(rawEnv)})`]);
  }
  const envName: EnvName = rawEnv;

  const environments = context('environments');
  let block: Record<string, unknown> = {};
  if (environments !== undefined) {
    if (!isRecord(environments)) {
      problems.push('environments: must be an object keyed by env name');
    } else {
      const selected = environments[envName];
      if (selected !== undefined && !isRecord(selected)) {
        problems.push(`environments.${envName}: must be an object`);
      } else if (selected) {
        block = selected;
        for (const key of Object.keys(selected)) {
          if (!(CONTEXT_KEYS as readonly string[]).includes(key)) {
            problems.push(`environments.${envName}.${key}: unknown context key`);
          }
        }
      }
    }
  }

  const raw = (key: ContextKey): unknown => {
    const value = context(key) ?? block[key] ?? ENV_DEFAULTS[envName][key];
    return value === '' ? undefined : value;
  };
  const p = new Parser(raw, problems);

  const account = p.string('account', /^\d{12}$/, '12 digits') ?? processEnv.CDK_DEFAULT_ACCOUNT;
  const region =
    p.string('region', /^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1') ??
    processEnv.CDK_DEFAULT_REGION;
  const imageTag = p.string('imageTag', IMAGE_TAG_PATTERN, 'a Docker tag ([A-Za-z0-9_.-], ≤128)');
  const reminderIntervalMinutes = p.integer('reminderIntervalMinutes', 1, 1440) ?? 15;
  const blueGreen = p.boolean('blueGreen') ?? false;

  const hostedZoneName = p.string('hostedZoneName', DNS_NAME, 'a DNS name such as example.com');
  const hostedZoneId = p.string('hostedZoneId', /^Z[A-Z0-9]{1,31}$/, 'a Route 53 zone id (Z…)');
  const apiSubdomain = p.string('apiSubdomain', DNS_LABEL, 'one DNS label') ?? 'api';
  const webSubdomain = p.string('webSubdomain', DNS_LABEL, 'one DNS label') ?? 'app';
  if (hostedZoneId && !hostedZoneName) {
    problems.push('hostedZoneId: given without hostedZoneName');
  }
  if (apiSubdomain === webSubdomain) {
    problems.push('apiSubdomain/webSubdomain: must differ');
  }
  const domain: DomainConfig | undefined = hostedZoneName
    ? { hostedZoneName, apiSubdomain, webSubdomain, ...(hostedZoneId ? { hostedZoneId } : {}) }
    : undefined;
  if (domain && (!account || !region)) {
    problems.push(
      'hostedZoneName: a custom domain needs a concrete account and region (context or CDK_DEFAULT_*), because the CloudFront certificate may live in us-east-1',
    );
  }

  const webOrigin = p.origin('webOrigin');
  const additionalCorsOrigins = p.originList('additionalCorsOrigins');
  const alarmEmail = p.string('alarmEmail', EMAIL, 'an email address');
  const notificationEmailFrom = p.string('notificationEmailFrom', EMAIL, 'an email address');
  const cognitoEmailViaSes = p.boolean('cognitoEmailViaSes') ?? false;
  if (cognitoEmailViaSes && !notificationEmailFrom) {
    problems.push('cognitoEmailViaSes: needs notificationEmailFrom (the verified SES sender)');
  }
  if (envName === 'prod' && !notificationEmailFrom) {
    problems.push('notificationEmailFrom: required in prod (the SES sender of notification email)');
  }
  if (envName === 'prod' && !alarmEmail) {
    problems.push('alarmEmail: required in prod (who receives the alarms)');
  }
  const smsDirectPublish = p.boolean('smsDirectPublish') ?? true;

  const natGateways = p.integer('natGateways', 1, 2) ?? 1;
  const logRetentionDays = p.integer('logRetentionDays', 1, 3653) ?? 30;
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) {
    problems.push(
      `logRetentionDays: ${logRetentionDays} is not a CloudWatch Logs retention (${LOG_RETENTION_DAYS.join(', ')})`,
    );
  }

  const cpu = p.integer('taskCpu', 256, 4096) ?? 256;
  const memoryMiB = p.integer('taskMemoryMiB', 512, 30720) ?? 512;
  const allowedMemory = FARGATE_MEMORY[cpu];
  if (!allowedMemory) {
    problems.push(`taskCpu: ${cpu} is not a Fargate size (256, 512, 1024, 2048, 4096)`);
  } else if (!allowedMemory.includes(memoryMiB)) {
    problems.push(
      `taskMemoryMiB: ${memoryMiB} is not allowed with taskCpu ${cpu} (${allowedMemory.join(', ')})`,
    );
  }
  const desiredCount = p.integer('desiredCount', 1, 100) ?? 1;
  const minCount = p.integer('minCount', 1, 100) ?? desiredCount;
  const maxCount = p.integer('maxCount', 1, 100) ?? Math.max(desiredCount, 3);
  if (minCount > desiredCount || desiredCount > maxCount) {
    problems.push(
      `minCount/desiredCount/maxCount: need min ≤ desired ≤ max (got ${minCount}/${desiredCount}/${maxCount})`,
    );
  }

  const rateLimit = p.integer('apiRateLimit', 1, 10000) ?? 50;
  const burstLimit = p.integer('apiBurstLimit', 1, 5000) ?? 100;

  const connectionArn = p.string(
    'pipelineConnectionArn',
    /^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[A-Za-z0-9-]+$/,
    'a CodeConnections connection ARN',
  );
  const repository = p.string('pipelineRepository', /^[\w.-]+\/[\w.-]+$/, 'owner/name');
  const branch = p.string('pipelineBranch', /^[\w./-]+$/, 'a branch name') ?? 'main';
  const bootstrapQualifier =
    p.string('bootstrapQualifier', /^[a-z0-9]{1,10}$/, 'up to 10 of a-z 0-9') ?? 'hnb659fds';
  const requireApproval = p.boolean('pipelineRequireApproval') ?? envName === 'prod';
  if (Boolean(connectionArn) !== Boolean(repository)) {
    problems.push('pipelineConnectionArn/pipelineRepository: give both or neither');
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    envName,
    prefix: `taskmgr-${envName}`,
    ...(account ? { account } : {}),
    ...(region ? { region } : {}),
    ...(imageTag ? { imageTag } : {}),
    reminderIntervalMinutes,
    blueGreen,
    ...(domain ? { domain } : {}),
    ...(webOrigin ? { webOrigin } : {}),
    additionalCorsOrigins,
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(notificationEmailFrom ? { notificationEmailFrom } : {}),
    cognitoEmailViaSes,
    smsDirectPublish,
    natGateways,
    logRetentionDays,
    retainData: envName === 'prod',
    scaling: {
      cpu,
      memoryMiB,
      desiredCount,
      minCount,
      maxCount,
      cpuTargetPercent: 60,
      requestsPerTarget: 300,
    },
    apiThrottle: { rateLimit, burstLimit },
    // Login and sign-up are the brute-force surface; they get a tighter budget than the API.
    authThrottle: {
      rateLimit: Math.max(1, Math.floor(rateLimit / 5)),
      burstLimit: Math.max(1, Math.floor(burstLimit / 5)),
    },
    ...(connectionArn && repository
      ? {
          pipeline: { connectionArn, repository, branch, bootstrapQualifier, requireApproval },
        }
      : {}),
  };
}

export const IMAGE_TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DNS_NAME = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const EMAIL = /^[^@\s]+@([a-z0-9-]+\.)+[a-z]{2,63}$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Typed readers that record a problem (naming the key) instead of throwing at the first one. */
class Parser {
  constructor(
    private readonly raw: (key: ContextKey) => unknown,
    private readonly problems: string[],
  ) {}

  string(key: ContextKey, pattern: RegExp, expected: string): string | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !pattern.test(value)) {
      this.problems.push(`${key}: must be ${expected} (got ${JSON.stringify(value)})`);
      return undefined;
    }
    return value;
  }

  integer(key: ContextKey, min: number, max: number): number | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      this.problems.push(
        `${key}: must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`,
      );
      return undefined;
    }
    return n;
  }

  boolean(key: ContextKey): boolean | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    this.problems.push(`${key}: must be true or false (got ${JSON.stringify(value)})`);
    return undefined;
  }

  origin(key: ContextKey): string | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    return this.checkOrigin(key, value);
  }

  originList(key: ContextKey): string[] {
    const value = this.raw(key);
    if (value === undefined) return [];
    const items =
      typeof value === 'string'
        ? value.split(',').map((s) => s.trim())
        : Array.isArray(value)
          ? value
          : null;
    if (!items) {
      this.problems.push(`${key}: must be a comma-separated string or a list of origins`);
      return [];
    }
    return items.flatMap((item) => {
      const origin = this.checkOrigin(key, item);
      return origin ? [origin] : [];
    });
  }

  /** An origin is scheme://host[:port] with nothing after it; plain http only for localhost. */
  private checkOrigin(key: ContextKey, value: unknown): string | undefined {
    const ok =
      typeof value === 'string' &&
      (/^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(value) ||
        /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/.test(value));
    if (!ok) {
      this.problems.push(
        `${key}: ${JSON.stringify(value)} is not an origin (https://host[:port], or http://localhost for development)`,
      );
      return undefined;
    }
    return value;
  }
}
