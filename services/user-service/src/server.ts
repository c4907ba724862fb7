import { services } from '@taskmgr/route-table';
import { type Env, runService } from '@taskmgr/service-kit';
import { buildApp } from './app';
import { UserServiceEnvSchema } from './config';

/** Outside production an unset PORT means the port the local gateway expects for this service. */
function withLocalPortDefault(env: Env): Env {
  if (env.PORT || env.NODE_ENV === 'production') return env;
  return { ...env, PORT: String(services.user.localPort) };
}

void runService((config) => buildApp(config), {
  configSchema: UserServiceEnvSchema,
  env: withLocalPortDefault(process.env),
});
