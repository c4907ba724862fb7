import { join } from 'node:path';
import { type AccessTokenVerifier, authPlugin, requireAuthentication } from '@taskmgr/auth';
import { packageVersion } from '@taskmgr/config';
import {
  CursorCodec,
  createDynamoClients,
  type DynamoClients,
  TaskRepository,
} from '@taskmgr/dynamo';
import { buildServiceApp, dynamoTableReadinessCheck, type ServiceApp } from '@taskmgr/service-kit';
import type { DestinationStream } from 'pino';
import { resolveTaskServiceSettings, type TaskServiceConfig } from './config';
import { taskListRoutes } from './routes/task-list';
import { taskRoutes } from './routes/tasks';

export const SERVICE_NAME = 'task-service';

/** What a test or the benchmark may supply instead of what the config would build. */
export interface TaskServiceDeps {
  /** Shared clients; the app then leaves closing them to the caller. */
  dynamo?: DynamoClients;
  verifier?: AccessTokenVerifier;
  now?: () => Date;
  loggerDestination?: DestinationStream;
}

/** The task service as a Fastify app, ready for `inject` or `startService`. */
export async function buildApp(
  config: TaskServiceConfig,
  deps: TaskServiceDeps = {},
): Promise<ServiceApp> {
  const settings = resolveTaskServiceSettings(config);
  const now = deps.now ?? (() => new Date());
  const dynamo = deps.dynamo ?? createDynamoClients(config);
  const tasks = new TaskRepository({ ...dynamo, now });
  const cursors = new CursorCodec({ secret: settings.cursorSecret, now });

  const app = await buildServiceApp({
    name: SERVICE_NAME,
    version: packageVersion(join(__dirname, '..')),
    config,
    readinessChecks: [dynamoTableReadinessCheck(dynamo)],
    openapi: {
      description: "The signed-in user's tasks: create, list, read, update, delete.",
      tags: [{ name: 'tasks', description: "The caller's own tasks" }],
    },
    domainErrorStatus: { IDEMPOTENCY_KEY_REUSED: 422 },
    ...(deps.loggerDestination ? { loggerDestination: deps.loggerDestination } : {}),
    routes: async (scope) => {
      await scope.register(
        authPlugin,
        deps.verifier ? { verifier: deps.verifier } : { config: settings.auth },
      );
      await scope.register(async (protectedScope) => {
        await protectedScope.register(requireAuthentication);
        await protectedScope.register(taskRoutes, { tasks, now });
        await protectedScope.register(taskListRoutes, { tasks, cursors });
      });
    },
  });
  if (!deps.dynamo) app.addHook('onClose', async () => dynamo.client.destroy());
  return app;
}
