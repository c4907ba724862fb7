import { ConfigError } from '@taskmgr/config';
import { startService } from '@taskmgr/service-kit';
import { buildGatewayApp } from './app';
import { loadGatewayConfig } from './config';

async function main(): Promise<void> {
  const config = loadGatewayConfig(process.env);
  const app = await buildGatewayApp({
    upstreams: config.upstreams,
    logLevel: config.logLevel,
    bodyLimitBytes: config.bodyLimitBytes,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    upstreamConnectTimeoutMs: config.upstreamConnectTimeoutMs,
  });
  await startService(app, {
    HOST: config.host,
    PORT: config.port,
    SHUTDOWN_TIMEOUT_MS: config.shutdownTimeoutMs,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError
      ? `${error.message}\n`
      : `Gateway failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
