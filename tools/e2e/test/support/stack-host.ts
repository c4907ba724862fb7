/**
 * Runs the stack for the end-to-end suite, in its own process (forked by the global setup):
 * free ports, throw-away data, logs to a file. Test files reach it over a small loopback control
 * API to stop, kill and start services and to run the one-shot due-reminder command; everything
 * else they do goes through the gateway.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServiceId, serviceIds } from '@taskmgr/route-table';
import type { RunningStack } from '../../../stack/src/stack';
import { hostStack } from './stack-process';

const logFile = process.env.E2E_STACK_LOG ?? 'artifacts/e2e/stack.log';

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

void hostStack({
  logFile,
  stack: {
    web: false,
    logLevel: process.env.E2E_LOG_LEVEL ?? 'info',
    // The timer is on, as in `npm start`, but long: reminders in the suite come from the
    // one-shot command, so the test knows which run delivered them.
    reminderIntervalSeconds: 3600,
  },
  async ready(stack, say) {
    const token = randomBytes(16).toString('hex');
    const control = createServer((request, response) => {
      void controlHandler(stack, token)(request, response);
    });
    await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
    const { port } = control.address() as AddressInfo;
    control.unref();
    say(`ready: gateway ${stack.urls.gateway}, control http://127.0.0.1:${port}`);
    return {
      gatewayUrl: stack.urls.gateway,
      controlUrl: `http://127.0.0.1:${port}`,
      controlToken: token,
      // The web app is not started here, so its port says nothing.
      ports: Object.entries(stack.ports)
        .filter(([name]) => name !== 'web')
        .map(([, value]) => value),
    };
  },
});
