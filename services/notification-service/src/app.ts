/**
 * The notification service as a Fastify app (the server is separate, see server.ts): the inbox
 * API, the dev outbox in local mode, and the completion / due-reminder workers that start when
 * the app is ready and stop (finishing their current run) when it closes.
 */
import { authPlugin, resolveAuthConfig } from '@taskmgr/auth';
import {
  CursorCodec,
  createDynamoClients,
  type DynamoClients,
  NotificationRepository,
  resolveCursorSecret,
} from '@taskmgr/dynamo';
import { buildServiceApp, dynamoTableReadinessCheck, type ServiceApp } from '@taskmgr/service-kit';
import type { DestinationStream } from 'pino';
import {
  type DeliverySettings,
  type NotificationServiceConfig,
  resolveDeliverySettings,
} from './config';
import { devOutboxRoutes } from './routes/dev-outbox';
import { notificationRoutes } from './routes/notifications';
import {
  createNotificationRuntime,
  type NotificationRuntime,
  type RuntimeOptions,
} from './runtime';
import { serviceVersion } from './version';

export const SERVICE_NAME = 'notification-service';

export interface BuildAppOptions {
  config: NotificationServiceConfig;
  /** Tests pass a per-file table; otherwise made from the config and closed with the app. */
  clients?: DynamoClients;
  loggerDestination?: DestinationStream;
  now?: () => Date;
  tuning?: RuntimeOptions['tuning'];
}

export interface NotificationApp {
  app: ServiceApp;
  runtime: NotificationRuntime;
  settings: DeliverySettings;
}

/** Builds the app and exposes its runtime, so tests can drive the workers by hand. */
export async function buildNotificationApp(options: BuildAppOptions): Promise<NotificationApp> {
  const { config } = options;
  // Every check that can fail on configuration runs before anything is built.
  const settings = resolveDeliverySettings(config);
  const authConfig = resolveAuthConfig(config, { nodeEnv: config.NODE_ENV });
  const cursors = new CursorCodec({
    secret: resolveCursorSecret(config, config.NODE_ENV),
    ...(options.now ? { now: options.now } : {}),
  });
  const ownsClients = options.clients === undefined;
  const clients = options.clients ?? createDynamoClients(config);
  const now = options.now;
  let runtime: NotificationRuntime | undefined;

  const app = await buildServiceApp({
    name: SERVICE_NAME,
    version: serviceVersion(),
    config,
    ...(options.loggerDestination ? { loggerDestination: options.loggerDestination } : {}),
    readinessChecks: [dynamoTableReadinessCheck(clients)],
    openapi: {
      description: 'In-app notification inbox; due-date reminders and completion notices.',
      tags: [{ name: 'notifications', description: "The caller's in-app notifications" }],
    },
    routes: async (scope) => {
      const started = createNotificationRuntime({
        settings,
        dynamo: config,
        log: scope.log,
        clients,
        ...(now ? { now } : {}),
        ...(options.tuning ? { tuning: options.tuning } : {}),
      });
      runtime = started;
      await scope.register(authPlugin, { config: authConfig });
      await scope.register(
        notificationRoutes({
          notifications: new NotificationRepository({
            doc: clients.doc,
            tableName: clients.tableName,
            ...(now ? { now } : {}),
          }),
          cursors,
        }),
      );
      if (started.devOutbox && config.NODE_ENV !== 'production') {
        await scope.register(devOutboxRoutes(started.devOutbox));
      }
      scope.addHook('onReady', async () => started.startWorkers());
      scope.addHook('onClose', async () => {
        await started.close();
        if (ownsClients) clients.client.destroy();
      });
    },
  });
  if (!runtime) throw new Error('The notification routes were not registered');
  return { app, runtime, settings };
}

export async function buildApp(options: BuildAppOptions): Promise<ServiceApp> {
  return (await buildNotificationApp(options)).app;
}
