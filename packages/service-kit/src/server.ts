import type { Static, TObject } from '@sinclair/typebox';
import { ConfigError } from '@taskmgr/config';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { type Env, loadServiceConfig, type ServiceConfig } from './config';

export type ListenConfig = Pick<ServiceConfig, 'HOST' | 'PORT' | 'SHUTDOWN_TIMEOUT_MS'>;

/**
 * Listens on HOST:PORT and drains on SIGTERM/SIGINT: the server stops accepting connections,
 * in-flight requests finish, then the process exits 0. If they take longer than
 * SHUTDOWN_TIMEOUT_MS (kept under ECS's 30 s stop timeout) it exits 1 before the SIGKILL.
 * An uncaught error also closes the server and exits 1. Returns the listening URL.
 */
export async function startService(app: FastifyInstance, config: ListenConfig): Promise<string> {
  closeWithGrace(
    {
      delay: config.SHUTDOWN_TIMEOUT_MS,
      logger: {
        error: (message: unknown) =>
          message instanceof Error
            ? app.log.error({ err: message }, 'shutdown failed')
            : app.log.error(String(message)),
      },
      onTimeout: (delay) =>
        app.log.error({ delayMs: delay }, 'shutdown timed out with requests in flight; exiting'),
    },
    async ({ signal, err }) => {
      if (err) app.log.fatal({ err }, 'uncaught error; closing');
      else app.log.info({ signal }, 'shutting down; draining in-flight requests');
      await app.close();
      app.log.info('shutdown complete');
    },
  );
  const url = await app.listen({ host: config.HOST, port: config.PORT });
  app.log.info({ url }, `listening on ${url}`);
  return url;
}

export interface RunServiceOptions<T extends TObject> {
  /** The service's own variables, validated together with the base ones. */
  configSchema?: T;
  env?: Env;
}

/**
 * The whole server entry: `runService((config) => buildApp(config))`. Invalid configuration
 * prints the variables at fault and exits 1, as does any other start-up failure.
 */
export async function runService<T extends TObject>(
  build: (config: ServiceConfig & Static<T>) => FastifyInstance | Promise<FastifyInstance>,
  options: RunServiceOptions<T> = {},
): Promise<void> {
  try {
    const config = (
      options.configSchema
        ? loadServiceConfig(options.configSchema, options.env)
        : loadServiceConfig(undefined, options.env)
    ) as ServiceConfig & Static<T>;
    const app = await build(config);
    await startService(app, config);
  } catch (error) {
    process.stderr.write(
      error instanceof ConfigError
        ? `${error.message}\n`
        : `Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  }
}
