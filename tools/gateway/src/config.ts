import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { LogLevelSetting, loadConfig, PortSetting } from '@taskmgr/config';
import {
  GATEWAY_PORT,
  type ServiceId,
  serviceIds,
  services,
  upstreamUrlVariable,
} from '@taskmgr/route-table';

const HttpUrl = (description: string) =>
  Type.String({ pattern: '^https?://[^\\s/]+/?$', description });

const upstreamProperties: Record<string, TSchema> = Object.fromEntries(
  serviceIds.map((id) => [
    upstreamUrlVariable(id),
    Type.Optional(
      HttpUrl(
        `base URL of the ${services[id].name}, scheme, host and port only (default http://127.0.0.1:${services[id].localPort})`,
      ),
    ),
  ]),
);

export const GatewayConfigSchema = Type.Object({
  HOST: Type.String({ default: '0.0.0.0', minLength: 1 }),
  GATEWAY_PORT: PortSetting(GATEWAY_PORT),
  LOG_LEVEL: LogLevelSetting,
  // The services' own default, so the gateway turns away what they would turn away anyway.
  BODY_LIMIT_BYTES: Type.Integer({ default: 1_048_576, minimum: 1 }),
  // API Gateway's HTTP API gives up on an integration after 30 s.
  UPSTREAM_TIMEOUT_MS: Type.Integer({ default: 29_000, minimum: 100, maximum: 300_000 }),
  UPSTREAM_CONNECT_TIMEOUT_MS: Type.Integer({ default: 2_000, minimum: 50, maximum: 60_000 }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 0, maximum: 120_000 }),
  ...upstreamProperties,
});

type RawGatewayConfig = Static<typeof GatewayConfigSchema>;

export interface GatewayConfig {
  host: string;
  port: number;
  logLevel: RawGatewayConfig['LOG_LEVEL'];
  bodyLimitBytes: number;
  upstreamTimeoutMs: number;
  upstreamConnectTimeoutMs: number;
  shutdownTimeoutMs: number;
  upstreams: Record<ServiceId, string>;
}

/** Validates the environment; throws ConfigError naming every bad variable. */
export function loadGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  const config = loadConfig(GatewayConfigSchema, env);
  const raw: Record<string, unknown> = config;
  const upstreams = Object.fromEntries(
    serviceIds.map((id) => {
      const value = raw[upstreamUrlVariable(id)];
      return [
        id,
        typeof value === 'string'
          ? value.replace(/\/$/, '')
          : `http://127.0.0.1:${services[id].localPort}`,
      ];
    }),
  ) as Record<ServiceId, string>;
  return {
    host: config.HOST,
    port: config.GATEWAY_PORT,
    logLevel: config.LOG_LEVEL,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    upstreamTimeoutMs: config.UPSTREAM_TIMEOUT_MS,
    upstreamConnectTimeoutMs: config.UPSTREAM_CONNECT_TIMEOUT_MS,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    upstreams,
  };
}
