import { type Static, Type } from '@sinclair/typebox';
import { AuthConfigSchema, type ResolvedAuthConfig, resolveAuthConfig } from '@taskmgr/auth';
import { ConfigError, type ConfigIssue } from '@taskmgr/config';
import { CursorConfigSchema, resolveCursorSecret } from '@taskmgr/dynamo';
import { services } from '@taskmgr/route-table';
import { type Env, loadServiceConfig, type ServiceConfig } from '@taskmgr/service-kit';

/** The task service's variables on top of the kit's: Cognito verification and the cursor key. */
export const TaskServiceEnvSchema = Type.Composite([AuthConfigSchema, CursorConfigSchema]);

export type TaskServiceConfig = ServiceConfig & Static<typeof TaskServiceEnvSchema>;

/** What the app runs with once the environment-dependent defaults and checks are applied. */
export interface TaskServiceSettings {
  auth: ResolvedAuthConfig;
  cursorSecret: string;
}

/** A developer who sets no PORT gets the task service's port from the route table. */
export function withLocalPort(env: Env): Env {
  return env.PORT ? env : { ...env, PORT: String(services.task.localPort) };
}

export function loadTaskServiceConfig(env: Env = process.env): TaskServiceConfig {
  return loadServiceConfig(TaskServiceEnvSchema, env);
}

/**
 * Refuses what is unsafe for the environment (a local issuer or a missing CURSOR_SECRET in
 * production) with a ConfigError naming every variable at fault.
 */
export function resolveTaskServiceSettings(config: TaskServiceConfig): TaskServiceSettings {
  const issues: ConfigIssue[] = [];
  let auth: ResolvedAuthConfig | undefined;
  let cursorSecret: string | undefined;
  try {
    auth = resolveAuthConfig(config, { nodeEnv: config.NODE_ENV });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    issues.push(...error.issues);
  }
  try {
    cursorSecret = resolveCursorSecret(config, config.NODE_ENV);
  } catch {
    issues.push({
      variable: 'CURSOR_SECRET',
      message: 'required when NODE_ENV=production (at least 32 characters, shared by all replicas)',
    });
  }
  if (issues.length > 0 || !auth || !cursorSecret) throw new ConfigError(issues);
  return { auth, cursorSecret };
}
