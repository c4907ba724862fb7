/**
 * Runs the stack for the end-to-end suite, in its own process (forked by the global setup with
 * tsx, exactly as `npm start` runs): free ports, throw-away data, logs to a file. Test files
 * reach it over a small loopback control API to stop, kill and start services and to run the
 * one-shot due-reminder command; everything else they do goes through the gateway.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { type ServiceId, serviceIds } from '@taskmgr/route-table';
import { type RunningStack, startStack } from '../../../stack/src/stack';
import type { HostMessage, SetupMessage } from './protocol';

const logFile = process.env.E2E_STACK_LOG ?? 'artifacts/e2e/stack.log';

function send(message: HostMessage): void {
  if (process.connected) process.send?.(message);
}

function isServiceId(value: string | undefined): value is ServiceId {
  return serviceIds.some((id) => id === value);
}

type Action = (stack: RunningStack, id: ServiceId) => Promise<void>;

const SERVICE_ACTIONS: Record<string, Action> = {
  stop: (stack, id) => stack.stopService(id),
  kill: (stack, id) => stack.killService(id),
  start: (stack, id) => stack.startService(id),
};

function controlHandler(stack: RunningStack, token: string) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const reply = (status: number, body?: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (request.headers['x-control-token'] !== token) return reply(403, { error: 'bad token' });
    const [, first, second, third] = (request.url ?? '').split('/');
    try {
      if (request.method === 'POST' && first === 'services' && isServiceId(second)) {
        const action = third ? SERVICE_ACTIONS[third] : undefined;
        if (!action) return reply(404, { error: `no action ${third}` });
        await action(stack, second);
        return reply(200, { ok: true });
      }
      if (request.method === 'POST' && first === 'jobs' && second === 'due-reminders') {
        return reply(200, { exitCode: await stack.runDueReminderJob() });
      }
      return reply(404, { error: `no route ${request.method} ${request.url}` });
    } catch (error) {
      return reply(500, { error: error instanceof Error ? error.message : String(error) });
    }
  };
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
  // Jest gone (crashed, interrupted): nothing may be left running.
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());

  try {
    stack = await startStack({
      output,
      say,
      web: false,
      logLevel: process.env.E2E_LOG_LEVEL ?? 'info',
      // The timer is on, as in `npm start`, but long: reminders in the suite come from the
      // one-shot command, so the test knows which run delivered them.
      reminderIntervalSeconds: 3600,
      signal: starting.signal,
    });
  } catch (error) {
    say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    await new Promise<void>((resolve) => output.end(resolve));
    process.exit(1);
  }
  const running = stack;
  const token = randomBytes(16).toString('hex');
  const control = createServer((request, response) => {
    void controlHandler(running, token)(request, response);
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const { port } = control.address() as AddressInfo;
  control.unref();
  say(`ready: gateway ${running.urls.gateway}, control http://127.0.0.1:${port}`);
  send({
    type: 'ready',
    gatewayUrl: running.urls.gateway,
    controlUrl: `http://127.0.0.1:${port}`,
    controlToken: token,
    pids: running.pids(),
    // The web app is not started here, so its port says nothing.
    ports: Object.entries(running.ports)
      .filter(([name]) => name !== 'web')
      .map(([, value]) => value),
  });
}

void main();
