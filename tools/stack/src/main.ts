/**
 * `npm start`: the whole local stack in one command, without Docker. DynamoDB Local and
 * cognito-local (data under .local-data/), the schema, the three services, then the URLs.
 * Ctrl-C stops everything; the next run keeps the data.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@taskmgr/config';
import { schemaLoad, seedTable } from '@taskmgr/db-tools';
import { createDynamoClients, DynamoConfigSchema } from '@taskmgr/dynamo';
import {
  assertPortFree,
  JavaMissingError,
  type LocalEngines,
  PortInUseError,
  startLocalEngines,
} from '@taskmgr/local-engines';
import { services } from '@taskmgr/route-table';
import { waitForHttpOk } from './readiness';
import { type ProcessSpec, Supervisor } from './supervisor';

const HELP = `Usage: npm start [-- options]

Starts DynamoDB Local, cognito-local, the schema and the three services, waits until every
service is ready, prints the URLs, and runs until Ctrl-C.

Options:
  --seed              load demo data (users, tasks, notifications) after the schema
  --seed-items <n>    how many items --seed writes (default 2000)
  -h, --help          show this help

Environment: DYNAMODB_LOCAL_PORT (8000), COGNITO_LOCAL_PORT (9229), LOCAL_DATA_DIR (.local-data)
`;

const repoRoot = resolve(__dirname, '..', '..', '..');
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');

function fail(message: string): never {
  process.stderr.write(`\n✖ ${message}\n`);
  process.exit(1);
}

/** A stable secret under .local-data, so cursors keep working across restarts of the stack. */
function localCursorSecret(dataDir: string): string {
  const file = join(dataDir, 'cursor-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function serviceSpec(
  id: keyof typeof services,
  engines: LocalEngines,
  cursorSecret: string,
): ProcessSpec {
  const service = services[id];
  const extra: Record<string, string> =
    id === 'user'
      ? { AUTO_CONFIRM_SIGNUP: 'true' }
      : id === 'notification'
        ? {
            DELIVERY_MODE: 'local',
            REMINDER_INTERVAL_SECONDS: '60',
            COMPLETION_POLL_INTERVAL_MS: '1000',
          }
        : {};
  return {
    name: service.name,
    command: tsx,
    args: [join('services', service.name, 'src', 'server.ts')],
    cwd: repoRoot,
    env: {
      ...engines.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(service.localPort),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      CURSOR_SECRET: cursorSecret,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...extra,
    },
  };
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { values } = parseArgs({
    options: {
      seed: { type: 'boolean', default: false },
      'seed-items': { type: 'string', default: '2000' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const seedItems = Number(values['seed-items']);
  if (!Number.isInteger(seedItems) || seedItems < 1)
    fail('--seed-items must be a positive whole number');

  const dataDir = resolve(process.env.LOCAL_DATA_DIR ?? join(repoRoot, '.local-data'));
  mkdirSync(dataDir, { recursive: true });
  const serviceIds = (Object.keys(services) as (keyof typeof services)[]).filter((id) =>
    existsSync(join(repoRoot, 'services', services[id].name, 'src', 'server.ts')),
  );
  for (const id of serviceIds) {
    await assertPortFree(services[id].localPort, services[id].name);
  }

  console.log('Starting DynamoDB Local and cognito-local…');
  const engines = await startLocalEngines({
    dataDir,
    dynamoPort: Number(process.env.DYNAMODB_LOCAL_PORT ?? 8000),
    cognitoPort: Number(process.env.COGNITO_LOCAL_PORT ?? 9229),
  });

  const supervisor = new Supervisor(
    serviceIds.map((id) => services[id].name),
    (name, code) => supervisor.log(name, `exited unexpectedly (code ${code}); Ctrl-C to stop`),
  );
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await supervisor.stopAll();
    await engines.stop();
    console.log('Stopped. Data is kept in', dataDir);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const dynamoConfig = loadConfig(DynamoConfigSchema, { ...process.env, ...engines.env });
    console.log((await schemaLoad(dynamoConfig)).message);
    if (values.seed) {
      const { client, tableName } = createDynamoClients(dynamoConfig);
      const summary = await seedTable({
        client,
        tableName,
        size: { items: seedItems },
        seed: 1,
        now: new Date(),
      });
      console.log(`Seeded ${summary.written} items for ${summary.users} demo users.`);
      client.destroy();
    }

    const cursorSecret = localCursorSecret(dataDir);
    for (const id of serviceIds) supervisor.start(serviceSpec(id, engines, cursorSecret));
    await Promise.all(
      serviceIds.map((id) =>
        waitForHttpOk(
          `http://127.0.0.1:${services[id].localPort}${services[id].readinessPath}`,
          90_000,
        ),
      ),
    );
  } catch (error) {
    process.stderr.write(`\n✖ ${error instanceof Error ? error.message : String(error)}\n`);
    await stop(1);
    return;
  }

  const lines = [
    '',
    'The local stack is ready:',
    ...serviceIds.map(
      (id) =>
        `  ${services[id].name.padEnd(22)} http://127.0.0.1:${services[id].localPort}  (docs: /docs)`,
    ),
    `  ${'DynamoDB Local'.padEnd(22)} ${engines.env.DYNAMODB_ENDPOINT}`,
    `  ${'cognito-local'.padEnd(22)} ${engines.env.COGNITO_ENDPOINT}  (pool ${engines.env.COGNITO_USER_POOL_ID}, client ${engines.env.COGNITO_CLIENT_ID})`,
    `  ${'data'.padEnd(22)} ${dataDir}`,
    '',
    'Ctrl-C stops everything.',
  ];
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  if (error instanceof JavaMissingError || error instanceof PortInUseError) fail(error.message);
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
});
