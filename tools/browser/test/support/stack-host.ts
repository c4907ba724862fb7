/**
 * Runs the stack for the browser tests in its own process (forked by the global setup with
 * tsx): the same startStack as `npm start`, with the web app served from the static export the
 * setup has just built for these ports. Speaks the end-to-end suite's host protocol, so its
 * teardown (which proves nothing is left running) serves here too.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HostMessage, SetupMessage } from '../../../e2e/test/support/protocol';
import { type RunningStack, startStack } from '../../../stack/src/stack';

const logFile = process.env.BROWSER_STACK_LOG ?? 'artifacts/browser/stack.log';
const ports = JSON.parse(process.env.BROWSER_STACK_PORTS ?? '{}') as {
  gateway: number;
  web: number;
};

function send(message: HostMessage): void {
  if (process.connected) process.send?.(message);
}

async function main(): Promise<void> {
  mkdirSync(dirname(logFile), { recursive: true });
  const output = createWriteStream(logFile, { flags: 'w' });
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
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());

  try {
    stack = await startStack({
      output,
      say,
      web: 'static',
      ports: { gateway: ports.gateway, web: ports.web },
      logLevel: process.env.BROWSER_LOG_LEVEL ?? 'info',
      // Completions are polled every second as in `npm start`; reminders play no part here.
      reminderIntervalSeconds: 3600,
      signal: starting.signal,
    });
  } catch (error) {
    say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    await new Promise<void>((resolve) => output.end(resolve));
    process.exit(1);
  }
  say(`ready: web ${stack.urls.web}, gateway ${stack.urls.gateway}`);
  send({
    type: 'ready',
    gatewayUrl: stack.urls.gateway,
    controlUrl: '',
    controlToken: '',
    pids: stack.pids(),
    ports: Object.values(stack.ports),
  });
}

void main();
