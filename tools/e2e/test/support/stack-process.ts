/**
 * The two halves of running the whole stack in a child process for a Jest suite (the end-to-end
 * and the browser suites both do): `hostStack` runs in the child, forked by the global setup
 * through `forkStackHost`, and speaks the protocol in ./protocol with it. The child runs the
 * same startStack as `npm start`; the global teardown stops it and proves nothing is left.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type RunningStack, type StackOptions, startStack } from '../../../stack/src/stack';
import type { HostMessage, SetupMessage } from './protocol';

type ReadyMessage = Extract<HostMessage, { type: 'ready' }>;

declare global {
  // Shared with the global teardown, which runs in the same process as the setup.
  var __e2eStack: { host: ChildProcess; pids: number[]; ports: number[] } | undefined;
}

function send(message: HostMessage): void {
  if (process.connected) process.send?.(message);
}

export interface HostStackOptions {
  logFile: string;
  stack: Omit<StackOptions, 'output' | 'say' | 'signal'>;
  /** What the setup is told once the stack answers; pids are added here. */
  ready: (
    stack: RunningStack,
    say: (line: string) => void,
  ) => Promise<Omit<ReadyMessage, 'type' | 'pids'>>;
}

/** The child's side: starts the stack, reports ready or failed, stops on request or orphaning. */
export async function hostStack(options: HostStackOptions): Promise<void> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const output = createWriteStream(options.logFile, { flags: 'w' });
  const say = (line: string) => output.write(`[stack] ${line}\n`);
  let stack: RunningStack | undefined;
  let stopping: Promise<void> | undefined;
  const starting = new AbortController();
  const stop = () => {
    stopping ??= (async () => {
      starting.abort();
      const pids = stack?.pids() ?? [];
      await stack?.stop();
      say('stopped');
      send({ type: 'stopped', pids });
      await new Promise<void>((resolve) => output.end(resolve));
      process.exit(0);
    })();
    return stopping;
  };
  process.on('message', (message: SetupMessage) => {
    if (message.type === 'stop') void stop();
  });
  // Jest gone (crashed, interrupted): nothing may be left running.
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());

  try {
    stack = await startStack({ ...options.stack, output, say, signal: starting.signal });
  } catch (error) {
    say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    await new Promise<void>((resolve) => output.end(resolve));
    process.exit(1);
  }
  send({ type: 'ready', pids: stack.pids(), ...(await options.ready(stack, say)) });
}

const START_TIMEOUT_MS = 240_000;

/**
 * The setup's side: forks `script` (a hostStack caller) with tsx, so the workspace sources are
 * used as they are, and resolves once it reports ready; the teardown finds it in __e2eStack.
 */
export async function forkStackHost(
  script: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): Promise<ReadyMessage> {
  const host = fork(script, [], {
    cwd: options.cwd,
    execArgv: ['--import', 'tsx'],
    env: options.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const log = options.logFile;
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const timer = setTimeout(() => {
      host.kill('SIGTERM');
      reject(new Error(`the stack was not ready within ${START_TIMEOUT_MS / 1000} s; see ${log}`));
    }, START_TIMEOUT_MS);
    host.on('message', (message: HostMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`the stack did not start: ${message.message}; see ${log}`));
      }
    });
    host.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the stack host exited with ${code} before it was ready; see ${log}`));
    });
  });
  globalThis.__e2eStack = { host, pids: ready.pids, ports: ready.ports };
  return ready;
}
