import { join } from 'node:path';
import { ENV } from './protocol';
import { forkStackHost } from './stack-process';

const repoRoot = join(__dirname, '..', '..', '..', '..');
export const STACK_LOG = join(repoRoot, 'artifacts', 'e2e', 'stack.log');

/**
 * Starts the whole stack once for the suite, in a child process running the same startStack
 * as `npm start`, on free ports with throw-away data: it never meets a developer's running
 * stack. The test files get the gateway's URL and the control API's through the environment.
 */
export default async function globalSetup(): Promise<void> {
  process.stdout.write(`\nStarting the stack for the end-to-end suite (log: ${STACK_LOG})…\n`);
  const started = Date.now();
  const ready = await forkStackHost(join(__dirname, 'stack-host.ts'), {
    cwd: repoRoot,
    env: { ...process.env, E2E_STACK_LOG: STACK_LOG },
    logFile: STACK_LOG,
  });
  process.env[ENV.gatewayUrl] = ready.gatewayUrl;
  process.env[ENV.controlUrl] = ready.controlUrl;
  process.env[ENV.controlToken] = ready.controlToken;
  process.stdout.write(
    `Stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s: gateway ${ready.gatewayUrl}\n`,
  );
}
