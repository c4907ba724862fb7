import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@taskmgr/config';
import closeWithGrace from 'close-with-grace';
import { buildStaticHostApp } from './app';
import { loadStaticHostConfig } from './config';

async function main(): Promise<void> {
  const config = loadStaticHostConfig(process.env);
  const app = await buildStaticHostApp({ root: config.webRoot, logLevel: config.logLevel });
  // SIGTERM/SIGINT: stop accepting connections, let in-flight responses finish, exit 0.
  closeWithGrace(
    {
      delay: config.shutdownTimeoutMs,
      logger: {
        error: (message: unknown) =>
          message instanceof Error
            ? app.log.error({ err: message }, 'shutdown failed')
            : app.log.error(String(message)),
      },
    },
    async ({ signal, err }) => {
      if (err) app.log.fatal({ err }, 'uncaught error; closing');
      else app.log.info({ signal }, 'shutting down');
      await app.close();
    },
  );
  const url = await app.listen({ host: config.host, port: config.port });
  app.log.info({ url, root: config.webRoot }, `serving ${config.webRoot} on ${url}`);
  if (!existsSync(join(config.webRoot, 'index.html'))) {
    app.log.warn('no index.html in the web root yet: /health/ready answers 503 until there is');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError
      ? `${error.message}\n`
      : `Static host failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
