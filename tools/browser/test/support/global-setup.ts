import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
// From source: a global setup is not mapped to the workspace sources as test files are.
import { freePort } from '../../../../packages/local-engines/src/ports';
import { forkStackHost } from '../../../e2e/test/support/stack-process';
import { CHROMIUM_PATH } from './browser';
import { ENV, TEST_POLL_MS } from './protocol';

const repoRoot = join(__dirname, '..', '..', '..', '..');
export const STACK_LOG = join(repoRoot, 'artifacts', 'browser', 'stack.log');

/**
 * Builds the web app's static export for this run's gateway (a static export has the API's URL
 * baked in), then starts the whole stack once, in a child process, serving that export: free
 * ports and throw-away data, so it never meets a stack a developer has running.
 */
export default async function globalSetup(): Promise<void> {
  // Before anything is built or started: without the browser there is nothing to test.
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No chromium at ${CHROMIUM_PATH}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  const gateway = await freePort();
  let web = await freePort();
  while (web === gateway) web = await freePort();
  const gatewayUrl = `http://127.0.0.1:${gateway}`;

  process.stdout.write(`\nBuilding the web app for ${gatewayUrl}…\n`);
  let started = Date.now();
  const build = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: join(repoRoot, 'web'),
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      NEXT_PUBLIC_API_BASE_URL: gatewayUrl,
      NEXT_PUBLIC_NOTIFICATION_POLL_MS: String(TEST_POLL_MS),
    },
  });
  if (build.status !== 0) throw new Error(`the web app did not build (exit ${build.status})`);
  process.stdout.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);

  process.stdout.write(`Starting the stack for the browser tests (log: ${STACK_LOG})…\n`);
  started = Date.now();
  // The end-to-end suite's teardown stops the host and checks that nothing is left behind.
  const ready = await forkStackHost(join(__dirname, 'stack-host.ts'), {
    cwd: repoRoot,
    env: {
      ...process.env,
      BROWSER_STACK_LOG: STACK_LOG,
      BROWSER_STACK_PORTS: JSON.stringify({ gateway, web }),
    },
    logFile: STACK_LOG,
  });
  process.env[ENV.gatewayUrl] = ready.gatewayUrl;
  process.env[ENV.webUrl] = `http://127.0.0.1:${web}`;
  process.stdout.write(
    `Stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s: web http://127.0.0.1:${web}\n`,
  );
}
