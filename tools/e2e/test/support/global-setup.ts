import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { ENV, type HostMessage } from './protocol';

declare global {
  // Shared with the global teardown, which runs in the same process.
  var __e2eStack: { host: ChildProcess; pids: number[]; ports: number[] } | undefined;
}

const repoRoot = join(__dirname, '..', '..', '..', '..');
const START_TIMEOUT_MS = 240_000;
export const STACK_LOG = join(repoRoot, 'artifacts', 'e2e', 'stack.log');

/**
 * Starts the whole stack once for the suite, in a child process running the same startStack
 * as `npm start` (through tsx, so the workspace sources are used as they are), on free ports
 * with throw-away data: it never meets a developer's running stack. The test files get the
 * gateway's URL and the control API's through the environment.
 */
export default async function globalSetup(): Promise<void> {
  process.stdout.write(`\nStarting the stack for the end-to-end suite (log: ${STACK_LOG})…\n`);
  const started = Date.now();
  const host = fork(join(__dirname, 'stack-host.ts'), [], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, E2E_STACK_LOG: STACK_LOG },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Extract<HostMessage, { type: 'ready' }>>((resolve, reject) => {
    const timer = setTimeout(() => {
      host.kill('SIGTERM');
      reject(
        new Error(`the stack was not ready within ${START_TIMEOUT_MS / 1000} s; see ${STACK_LOG}`),
      );
    }, START_TIMEOUT_MS);
    host.on('message', (message: HostMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`the stack did not start: ${message.message}; see ${STACK_LOG}`));
      }
    });
    host.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the stack host exited with ${code} before it was ready; see ${STACK_LOG}`));
    });
  });
  globalThis.__e2eStack = { host, pids: ready.pids, ports: ready.ports };
  process.env[ENV.gatewayUrl] = ready.gatewayUrl;
  process.env[ENV.controlUrl] = ready.controlUrl;
  process.env[ENV.controlToken] = ready.controlToken;
  process.stdout.write(
    `Stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s: gateway ${ready.gatewayUrl}\n`,
  );
}
