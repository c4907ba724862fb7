import { runService } from '@taskmgr/service-kit';
import { buildApp } from './app';
import { NotificationServiceConfigSchema } from './config';

void runService((config) => buildApp({ config }), {
  configSchema: NotificationServiceConfigSchema,
});
