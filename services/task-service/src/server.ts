import { runService } from '@taskmgr/service-kit';
import { buildApp } from './app';
import { TaskServiceEnvSchema, withLocalPort } from './config';

void runService((config) => buildApp(config), {
  configSchema: TaskServiceEnvSchema,
  env: withLocalPort(process.env),
});
