import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Static, Type } from '@sinclair/typebox';
import { ConfigError, LogLevelSetting, loadConfig, PortSetting } from '@taskmgr/config';

export const StaticHostConfigSchema = Type.Object({
  // Loopback unless told otherwise; the image sets 0.0.0.0.
  HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
  PORT: PortSetting(3000),
  WEB_ROOT: Type.String({
    default: './public',
    minLength: 1,
    description: 'the folder holding the static export, relative to the working directory',
  }),
  LOG_LEVEL: LogLevelSetting,
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 0, maximum: 120_000 }),
});

export interface StaticHostConfig {
  host: string;
  port: number;
  /** Absolute path of an existing folder. */
  webRoot: string;
  logLevel: Static<typeof StaticHostConfigSchema>['LOG_LEVEL'];
  shutdownTimeoutMs: number;
}

/** Validates the environment; throws ConfigError naming every bad variable. */
export function loadStaticHostConfig(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): StaticHostConfig {
  const config = loadConfig(StaticHostConfigSchema, env);
  const webRoot = resolve(cwd, config.WEB_ROOT);
  // A missing folder is a mistake; a folder without index.html yet is only "not ready".
  let isDirectory = false;
  try {
    isDirectory = statSync(webRoot).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) {
    throw new ConfigError([{ variable: 'WEB_ROOT', message: `${webRoot} is not a folder` }]);
  }
  return {
    host: config.HOST,
    port: config.PORT,
    webRoot,
    logLevel: config.LOG_LEVEL,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  };
}
