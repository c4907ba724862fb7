/**
 * Runs the stack for the browser tests in its own process (forked by the global setup): the
 * same startStack as `npm start`, with the web app served from the static export the setup has
 * just built for these ports.
 */
import { hostStack } from '../../../e2e/test/support/stack-process';

const ports = JSON.parse(process.env.BROWSER_STACK_PORTS ?? '{}') as {
  gateway: number;
  web: number;
};

void hostStack({
  logFile: process.env.BROWSER_STACK_LOG ?? 'artifacts/browser/stack.log',
  stack: {
    web: 'static',
    ports: { gateway: ports.gateway, web: ports.web },
    logLevel: process.env.BROWSER_LOG_LEVEL ?? 'info',
    // Completions are polled every second as in `npm start`; reminders play no part here.
    reminderIntervalSeconds: 3600,
    // Every test signs in from the one address; the limit itself is tested elsewhere.
    serviceEnv: { user: { AUTH_RATE_LIMIT_PER_IP: '300' } },
  },
  async ready(stack, say) {
    say(`ready: web ${stack.urls.web}, gateway ${stack.urls.gateway}`);
    return {
      gatewayUrl: stack.urls.gateway,
      controlUrl: '',
      controlToken: '',
      ports: Object.values(stack.ports),
    };
  },
});
