/**
 * The one-shot due-reminder run, for a scheduler (EventBridge Scheduler → ECS RunTask runs
 * `node dist/jobs/due-reminders.js`). Same scanner as the service's timer; exits 0 when the run
 * finished (reminders left to retry included: the next run picks them up), 1 when it could not
 * run at all. Overlapping runs are safe: each reminder is claimed with a conditional update.
 */
import { ConfigError } from '@taskmgr/config';
import { createServiceLogger, type Env } from '@taskmgr/service-kit';
import type { DestinationStream } from 'pino';
import { loadNotificationWorkerConfig, resolveDeliverySettings } from '../config';
import { createNotificationRuntime, type RuntimeOptions } from '../runtime';
import { serviceVersion } from '../version';
import type { DueScanReport } from '../workers/due-reminder-scanner';

export interface DueReminderJobOptions {
  env?: Env;
  loggerDestination?: DestinationStream;
  /** Tests pass a table; otherwise made from the environment. */
  clients?: RuntimeOptions['clients'];
  now?: () => Date;
}

export async function runDueReminderJob(
  options: DueReminderJobOptions = {},
): Promise<DueScanReport> {
  const config = loadNotificationWorkerConfig(options.env);
  const settings = resolveDeliverySettings(config);
  const log = createServiceLogger({
    name: 'notification-service/due-reminders',
    version: serviceVersion(),
    level: config.LOG_LEVEL,
    ...(options.loggerDestination ? { destination: options.loggerDestination } : {}),
  });
  const runtime = createNotificationRuntime({
    settings,
    dynamo: config,
    log,
    ...(options.clients ? { clients: options.clients } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  try {
    return await runtime.scanner.runOnce();
  } finally {
    await runtime.close();
  }
}

if (require.main === module) {
  runDueReminderJob().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        error instanceof ConfigError
          ? `${error.message}\n`
          : `Due-reminder run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
