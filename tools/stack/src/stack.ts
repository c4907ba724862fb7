/**
 * The whole local stack, startable from code: `npm start`, the end-to-end suite and the gateway
 * benchmark all run this same sequence. DynamoDB Local and cognito-local, the schema, the three
 * services, the gateway in front of them, and the web app; each step waits until
 * the previous one answers. A failed start stops whatever had started.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '@taskmgr/config';
import { createDynamoClients, DynamoConfigSchema } from '@taskmgr/dynamo';
import {
  assertJavaAvailable,
  assertPortFree,
  freePort,
  type LocalEngines,
  startLocalEngines,
} from '@taskmgr/local-engines';
import { type ServiceId, services } from '@taskmgr/route-table';
import { schemaLoad, seedTable } from '../../db/src';
import {
  DUE_REMINDER_JOB_PROCESS,
  dueReminderJobSpec,
  GATEWAY_PROCESS,
  gatewaySpec,
  presentServices,
  type StackPorts,
  serviceEnv,
  serviceSpec,
  serviceUrl,
  WEB_PROCESS,
  type WebMode,
  webSpec,
} from './process-specs';
import { waitForHttp } from './readiness';
import { Supervisor } from './supervisor';

export interface StackOptions {
  /**
   * Keeps the engines' data (and the cursor secret) here across runs. Omitted: throw-away data,
   * DynamoDB in memory and cognito-local in a temp dir, gone after stop().
   */
  dataDir?: string;
  /** A port left out (or 0) is picked free; a given one must be free or the start fails. */
  ports?: Partial<StackPorts>;
  /** Writes this many demo items into the table after the schema. */
  seedItems?: number;
  /**
   * The web app: true or 'dev' runs `next dev`, 'static' serves the export
   * already built in web/out; false leaves it out. Default true.
   */
  web?: boolean | WebMode;
  /** Where the processes' prefixed log lines go; stdout by default. */
  output?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Instead of `output`: the processes write their lines straight into this file. */
  logFile?: string;
  /** Progress lines of the stack itself (`Starting…`); stdout by default. */
  say?: (line: string) => void;
  logLevel?: string;
  /** The notification service's due-reminder timer; 60 s by default. */
  reminderIntervalSeconds?: number;
  /** Extra variables per service, e.g. to tune a rate limit in a test. */
  serviceEnv?: Partial<Record<ServiceId, Record<string, string>>>;
  /** Aborting stops what has started and rejects (Ctrl-C during start-up). */
  signal?: AbortSignal;
}

export interface StackUrls {
  gateway: string;
  docs: string;
  services: Record<ServiceId, string>;
  web: string | undefined;
  dynamo: string;
  cognito: string;
}

export interface RunningStack {
  urls: StackUrls;
  ports: StackPorts;
  /** The engines' variables (endpoints, pool and client ids), for tools that talk to them. */
  engineEnv: LocalEngines['env'];
  dataDir: string | undefined;
  /** The services that were started (all three unless a checkout lacks one). */
  serviceIds: ServiceId[];
  /** Stops everything: web, gateway, services, engines. Safe to call more than once. */
  stop(): Promise<void>;
  /** Stops a service gracefully (SIGTERM, draining). */
  stopService(id: ServiceId): Promise<void>;
  /** Kills a service outright (SIGKILL), as a crash would. */
  killService(id: ServiceId): Promise<void>;
  /** Starts a stopped service again and waits until it is ready. */
  startService(id: ServiceId): Promise<void>;
  restartService(id: ServiceId): Promise<void>;
  /** Runs the notification service's one-shot due-reminder command; resolves with its exit code. */
  runDueReminderJob(): Promise<number | null>;
  /**
   * Every process the stack started, engines included, for leak checks and CPU accounting. A
   * service's pid leads its process group (a tsx wrapper and the node process it runs).
   */
  processes(): { name: string; pid: number }[];
  pids(): number[];
}

const SERVICE_READY_MS = 120_000;
const WEB_READY_MS = 240_000;

/** A stable secret under the data dir, so cursors stay valid across restarts of the stack. */
function cursorSecretFor(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString('base64url');
  const file = join(dataDir, 'cursor-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const PORT_NAMES: Record<keyof StackPorts, string> = {
  gateway: 'the gateway',
  user: services.user.name,
  task: services.task.name,
  notification: services.notification.name,
  web: 'the web app',
  dynamo: 'DynamoDB Local',
  cognito: 'cognito-local',
};

/**
 * Requested ports must be free (one-line error otherwise); the others are picked free. `unused`
 * ports (the web app's when it will not start) are not checked.
 */
async function resolvePorts(
  requested: Partial<StackPorts>,
  unused: (keyof StackPorts)[],
): Promise<StackPorts> {
  const taken = new Set<number>();
  const result: Partial<StackPorts> = {};
  for (const key of Object.keys(PORT_NAMES) as (keyof StackPorts)[]) {
    const wanted = requested[key];
    if (wanted) {
      if (taken.has(wanted)) throw new Error(`Port ${wanted} is given to two processes.`);
      // The engines check their own ports when they start.
      const checked = key !== 'dynamo' && key !== 'cognito' && !unused.includes(key);
      if (checked) await assertPortFree(wanted, PORT_NAMES[key]);
      result[key] = wanted;
    } else {
      let port = await freePort();
      // Two quick asks of the OS may hand out the same port.
      while (taken.has(port) || Object.values(requested).includes(port)) port = await freePort();
      result[key] = port;
    }
    taken.add(result[key] ?? 0);
  }
  return result as StackPorts;
}

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const say = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const signal = options.signal;
  const logLevel = options.logLevel ?? 'info';
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });

  // Both before anything starts, so either problem costs one line and no clean-up.
  assertJavaAvailable();
  const webMode: WebMode | undefined =
    options.web === false ? undefined : options.web === 'static' ? 'static' : 'dev';
  const withWeb = webMode !== undefined;
  const ports = await resolvePorts(options.ports ?? {}, withWeb ? [] : ['web']);
  const serviceIds = presentServices();

  const supervisor = new Supervisor({
    ...(options.output ? { output: options.output } : {}),
    ...(options.logFile ? { logFile: options.logFile } : {}),
  });
  supervisor.reserveNames([
    ...serviceIds.map((id) => services[id].name),
    GATEWAY_PROCESS,
    WEB_PROCESS,
    DUE_REMINDER_JOB_PROCESS,
  ]);
  let engines: LocalEngines | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await supervisor.stopAll();
      await engines?.stop();
    })();
    return stopping;
  };
  const onAbort = () => void stop();
  signal?.addEventListener('abort', onAbort, { once: true });

  const exitReason = (name: string) => () =>
    supervisor.specOf(name) && !supervisor.isRunning(name) ? `${name} exited` : undefined;

  try {
    say(
      `Starting DynamoDB Local and cognito-local (${dataDir ? `data in ${dataDir}` : 'throw-away data'})…`,
    );
    engines = await startLocalEngines({
      ...(dataDir ? { dataDir } : {}),
      dynamoPort: ports.dynamo,
      cognitoPort: ports.cognito,
    });
    signal?.throwIfAborted();

    const dynamoConfig = loadConfig(DynamoConfigSchema, { ...process.env, ...engines.env });
    say((await schemaLoad(dynamoConfig)).message);
    if (options.seedItems) {
      const { client, tableName } = createDynamoClients(dynamoConfig);
      try {
        const summary = await seedTable({
          client,
          tableName,
          size: { items: options.seedItems },
          seed: 1,
          now: new Date(),
        });
        say(`Seeded ${summary.written} items for ${summary.users} demo users.`);
      } finally {
        client.destroy();
      }
    }
    signal?.throwIfAborted();

    const envOptions = {
      engines,
      ports,
      cursorSecret: cursorSecretFor(dataDir),
      logLevel,
      reminderIntervalSeconds: options.reminderIntervalSeconds ?? 60,
      ...(options.serviceEnv ? { extraEnv: options.serviceEnv } : {}),
    };
    const envs = Object.fromEntries(
      serviceIds.map((id) => [id, serviceEnv(id, envOptions)]),
    ) as Record<ServiceId, Record<string, string>>;

    const waitForService = (id: ServiceId) =>
      waitForHttp(`${serviceUrl(ports[id])}${services[id].readinessPath}`, {
        timeoutMs: SERVICE_READY_MS,
        failFast: exitReason(services[id].name),
        ...(signal ? { signal } : {}),
      });

    say(`Starting ${serviceIds.map((id) => services[id].name).join(', ')}…`);
    for (const id of serviceIds) supervisor.start(serviceSpec(id, envs[id]));
    await Promise.all(serviceIds.map(waitForService));

    const gatewayUrl = serviceUrl(ports.gateway);
    supervisor.start(gatewaySpec(ports, logLevel));
    await waitForHttp(`${gatewayUrl}/health/live`, {
      timeoutMs: SERVICE_READY_MS,
      failFast: exitReason(GATEWAY_PROCESS),
      ...(signal ? { signal } : {}),
    });

    const web = withWeb && webMode ? webSpec(ports, gatewayUrl, webMode) : undefined;
    if (web) {
      say(
        webMode === 'static'
          ? 'Serving the web app (static export)…'
          : 'Starting the web app (the first compile takes a while)…',
      );
      supervisor.start(web);
      await waitForHttp(serviceUrl(ports.web), {
        timeoutMs: WEB_READY_MS,
        accept: (status) => status < 500,
        failFast: exitReason(WEB_PROCESS),
        ...(signal ? { signal } : {}),
      });
    }

    const runningEngines = engines;
    const processes = () => [
      ...supervisor.processes(),
      ...[
        { name: 'dynamodb-local', pid: runningEngines.dynamo.process.pid },
        { name: 'cognito-local', pid: runningEngines.cognito.process.pid },
      ].flatMap(({ name, pid }) => (pid === undefined ? [] : [{ name, pid }])),
    ];
    const stopService = (id: ServiceId) => supervisor.stop(services[id].name);
    const startService = async (id: ServiceId) => {
      if (!supervisor.isRunning(services[id].name)) supervisor.start(serviceSpec(id, envs[id]));
      await waitForService(id);
    };
    return {
      urls: {
        gateway: gatewayUrl,
        docs: `${gatewayUrl}/docs`,
        services: Object.fromEntries(serviceIds.map((id) => [id, serviceUrl(ports[id])])) as Record<
          ServiceId,
          string
        >,
        web: web ? serviceUrl(ports.web) : undefined,
        dynamo: runningEngines.env.DYNAMODB_ENDPOINT,
        cognito: runningEngines.env.COGNITO_ENDPOINT,
      },
      ports,
      engineEnv: runningEngines.env,
      dataDir,
      serviceIds,
      stop,
      stopService,
      killService: (id) => supervisor.kill(services[id].name),
      startService,
      async restartService(id) {
        await stopService(id);
        await startService(id);
      },
      async runDueReminderJob() {
        if (!serviceIds.includes('notification')) {
          throw new Error('the notification service is not part of this checkout');
        }
        return supervisor.run(dueReminderJobSpec(envs.notification));
      },
      processes,
      pids: () => processes().map((p) => p.pid),
    };
  } catch (error) {
    await stop();
    // An abort may have run stop() while the engines were still starting.
    await engines?.stop();
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
