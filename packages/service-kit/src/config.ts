import { type Static, type TObject, Type } from '@sinclair/typebox';
import { LogLevelSetting, loadConfig, PortSetting } from '@taskmgr/config';
import { DynamoConfigSchema } from '@taskmgr/dynamo';

// One origin: scheme, host and optional port, no path.
const ORIGIN = 'https?://[^\\s,/]+';

/** The environment every service reads; a service adds its own variables with `loadServiceConfig`. */
export const BaseServiceConfigSchema = Type.Composite([
  Type.Object({
    NODE_ENV: Type.Union(
      [Type.Literal('development'), Type.Literal('test'), Type.Literal('production')],
      { default: 'development', description: 'one of development, test, production' },
    ),
    HOST: Type.String({ default: '0.0.0.0', minLength: 1 }),
    PORT: PortSetting(3000),
    LOG_LEVEL: LogLevelSetting,
    CORS_ORIGINS: Type.String({
      default: 'http://localhost:3000',
      pattern: `^\\s*${ORIGIN}(\\s*,\\s*${ORIGIN})*\\s*$`,
      description: 'comma-separated origins such as https://app.example.com, no paths',
    }),
    BODY_LIMIT_BYTES: Type.Integer({ default: 1_048_576, minimum: 1 }),
    // ECS sends SIGKILL 30 s after SIGTERM by default; leave room to flush logs.
    SHUTDOWN_TIMEOUT_MS: Type.Integer({ default: 25_000, minimum: 0, maximum: 120_000 }),
    // Behind API Gateway + ALB the client address is two hops away; 0 trusts no proxy header.
    TRUST_PROXY_HOPS: Type.Integer({ default: 0, minimum: 0, maximum: 10 }),
    // Load shedding thresholds for @fastify/under-pressure; 0 disables a check.
    PRESSURE_MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ default: 1000, minimum: 0 }),
    PRESSURE_MAX_EVENT_LOOP_UTILIZATION: Type.Number({ default: 0.98, minimum: 0, maximum: 1 }),
    PRESSURE_MAX_HEAP_USED_BYTES: Type.Integer({ default: 0, minimum: 0 }),
    PRESSURE_MAX_RSS_BYTES: Type.Integer({ default: 0, minimum: 0 }),
  }),
  DynamoConfigSchema,
]);

type RawBaseServiceConfig = Static<typeof BaseServiceConfigSchema>;

/** Validated base configuration; CORS_ORIGINS is already split into a list. */
export type ServiceConfig = Omit<RawBaseServiceConfig, 'CORS_ORIGINS'> & { CORS_ORIGINS: string[] };

export type Env = Record<string, string | undefined>;

/**
 * Validates the base variables plus a service's own. Throws `ConfigError` naming every bad
 * variable; `runService` turns that into a message and exit code 1.
 */
export function loadServiceConfig(extraSchema?: undefined, env?: Env): ServiceConfig;
export function loadServiceConfig<T extends TObject>(
  extraSchema: T,
  env?: Env,
): ServiceConfig & Static<T>;
export function loadServiceConfig(extraSchema?: TObject, env: Env = process.env): ServiceConfig {
  const schema = extraSchema
    ? Type.Composite([BaseServiceConfigSchema, extraSchema])
    : BaseServiceConfigSchema;
  const raw = loadConfig(schema, env) as RawBaseServiceConfig;
  return { ...raw, CORS_ORIGINS: parseOrigins(raw.CORS_ORIGINS) };
}

export function parseOrigins(value: string): string[] {
  return value
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
}
