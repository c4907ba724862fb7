/**
 * `npm start`: the whole local stack in one command, without Docker. Data lives under
 * .local-data/ (git-ignored) and survives restarts; Ctrl-C stops everything.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GATEWAY_PORT, services } from '@taskmgr/route-table';
import { formatReadyBanner } from './banner';
import { type DemoLogin, ensureDemoUser, seedDemoTasks } from './demo-user';
import { repoRoot, type StackPorts } from './process-specs';
import { type RunningStack, startStack } from './stack';

const PORT_VARIABLES: Record<keyof StackPorts, [variable: string, fallback: number]> = {
  gateway: ['GATEWAY_PORT', GATEWAY_PORT],
  user: ['USER_SERVICE_PORT', services.user.localPort],
  task: ['TASK_SERVICE_PORT', services.task.localPort],
  notification: ['NOTIFICATION_SERVICE_PORT', services.notification.localPort],
  web: ['WEB_PORT', 3000],
  dynamo: ['DYNAMODB_LOCAL_PORT', 8000],
  cognito: ['COGNITO_LOCAL_PORT', 9229],
};

const HELP = `Usage: npm start [-- options]

Starts DynamoDB Local, cognito-local, the schema, the three services, the gateway and the web
app; waits until everything is ready, prints the URLs and a demo login, and runs
until Ctrl-C.

Options:
  --seed              also load demo data: bulk users, tasks and notifications in the table,
                      and a few tasks for the demo login
  --seed-items <n>    how many items --seed writes in bulk (default 2000)
  --no-web            do not start the web app
  -h, --help          show this help

Environment (defaults in brackets):
  ${Object.values(PORT_VARIABLES)
    .map(([name, port]) => `${name} (${port})`)
    .join(', ')}
  LOCAL_DATA_DIR (.local-data), LOG_LEVEL (info)
`;

function fail(message: string): never {
  process.stderr.write(`\n✖ ${message}\n`);
  process.exit(1);
}

function portsFromEnv(): StackPorts {
  const entries = Object.entries(PORT_VARIABLES).map(([key, [variable, fallback]]) => {
    const raw = process.env[variable];
    const port = raw ? Number(raw) : fallback;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      fail(`${variable} must be a port number from 1 to 65535, not "${raw}"`);
    }
    return [key, port];
  });
  return Object.fromEntries(entries) as StackPorts;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'boolean', default: false },
      'seed-items': { type: 'string', default: '2000' },
      'no-web': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const seedItems = Number(values['seed-items']);
  if (!Number.isInteger(seedItems) || seedItems < 1) {
    fail('--seed-items must be a positive whole number');
  }

  const dataDir = resolve(process.env.LOCAL_DATA_DIR ?? join(repoRoot, '.local-data'));
  const starting = new AbortController();
  let stack: RunningStack | undefined;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    if (!stack) {
      // Still starting: startStack stops what it had started and rejects.
      starting.abort();
      return;
    }
    await stack.stop();
    console.log(`Stopped. Data is kept in ${dataDir}`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  try {
    stack = await startStack({
      dataDir,
      ports: portsFromEnv(),
      web: !values['no-web'],
      logLevel: process.env.LOG_LEVEL ?? 'info',
      signal: starting.signal,
      ...(values.seed ? { seedItems } : {}),
    });
  } catch (error) {
    if (starting.signal.aborted) {
      console.log('Stopped before the stack was ready.');
      process.exit(130);
    }
    throw error;
  }

  let demo: DemoLogin | undefined;
  let demoProblem: string | undefined;
  try {
    demo = await ensureDemoUser(stack.urls.gateway);
    if (values.seed) {
      const created = await seedDemoTasks(stack.urls.gateway, demo.accessToken);
      if (created > 0) console.log(`Created ${created} tasks for the demo login.`);
    }
  } catch (error) {
    demoProblem = error instanceof Error ? error.message : String(error);
  }
  if (stopping) return;
  console.log(formatReadyBanner(stack, demo, demoProblem));
}

main().catch((error: unknown) => {
  // Port in use, java missing, an engine that would not start: the message says it all.
  fail(error instanceof Error ? error.message : String(error));
});
