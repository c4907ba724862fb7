/**
 * `pnpm bench:tasks`: the task service against the same DynamoDB operations issued directly
 * through the SDK, at the same concurrency, for a user holding 5,000 tasks.
 *
 * Starts its own DynamoDB Local (in memory) and cognito-local, seeds the tasks, builds the service
 * and runs `node dist/server.js` in a child process as production does (its own event loop and
 * memory, the image's environment and node flags). The direct-SDK loop runs in a second child
 * process with the same ones (`sdk-runner.ts`), so both sides run in the same runtime. For each
 * scenario it warms both paths, then runs autocannon against the service and the SDK loop against
 * the table, alternating in rounds so both sides see the same machine. A third side, the floor
 * (`fastify-floor.ts`), is a bare Fastify route doing the SDK work: it shows how much of the gap
 * is the HTTP hop itself.
 * Prints req/s, p50/p99 latency, the ratios, the service's peak RSS and where the CPU went.
 * Numbers, not assertions.
 */
import { type ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { authTesting } from '@taskmgr/auth';
import {
  batchPutAll,
  buildTaskItem,
  createDynamoClients,
  type DynamoClients,
  dropTable,
  ensureTable,
  newId,
} from '@taskmgr/dynamo';
import { freePort, type LocalEngines, startLocalEngines } from '@taskmgr/local-engines';
import autocannon from 'autocannon';
import { buildScenarios, CONCURRENCY, type Measurement, type Scenario } from './scenarios';
import type { DirectClient, SdkRunnerReply, SdkRunnerRequest } from './sdk-runner';

const TASKS = 5_000;
/** Seconds per measured run; each side runs ROUNDS times. */
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 5);
const TABLE = 'bench-tasks';
/** Distinct requests each autocannon connection cycles through (random task ids, bodies). */
const PREBUILT_REQUESTS = 1_000;
const TARGETS = { throughputRatio: 0.7, p99Ratio: 2, rssMb: 150 };
/**
 * The direct side is the SDK as shipped. BENCH_DIRECT_CLIENT=library sends it (and the floor)
 * through the data library's client instead, which drops per-call SDK work the service saves too.
 */
const DIRECT_CLIENT = directClientFromEnv(process.env.BENCH_DIRECT_CLIENT);
const REPO_ROOT = join(__dirname, '..', '..', '..');
const SERVICE_DIR = join(REPO_ROOT, 'services', 'task-service');

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const started = Date.now();
  buildService();
  log('starting DynamoDB Local and cognito-local (in memory)');
  const engines = await startLocalEngines();
  let service: ChildProcess | undefined;
  let sdk: SdkRunner | undefined;
  const clients = createDynamoClients({
    AWS_REGION: engines.env.AWS_REGION,
    DYNAMODB_ENDPOINT: engines.env.DYNAMODB_ENDPOINT,
    DYNAMODB_TABLE_NAME: TABLE,
  });
  try {
    await ensureTable(clients.client, TABLE);
    const user = await authTesting.createCognitoTestUser({
      endpoint: engines.cognito.endpoint,
      userPoolId: engines.cognito.userPoolId,
      clientId: engines.cognito.clientId,
      region: engines.env.AWS_REGION,
    });
    const taskIds = await seed(clients, user.userId);
    const runtime = await imageRuntime();
    log(
      `both sides run node ${runtime.nodeFlags.join(' ')} with ${Object.entries(runtime.env)
        .map(([key, value]) => `${key}="${value}"`)
        .join(' ')}`,
    );
    log(`direct side and floor: the ${DIRECT_CLIENT_LABEL[DIRECT_CLIENT]}`);
    const port = await freePort();
    service = await startService(engines, port, runtime);
    const runner = await startSdkRunner(
      {
        type: 'init',
        client: DIRECT_CLIENT,
        region: engines.env.AWS_REGION,
        endpoint: engines.env.DYNAMODB_ENDPOINT,
        table: TABLE,
        userId: user.userId,
        taskIds,
      },
      runtime,
    );
    sdk = runner;
    const floorPort = runner.floorPort;
    const pid = service.pid ?? 0;
    const sdkPid = runner.pid;
    const dynamoPid = engines.dynamo.process.pid ?? 0;
    // BENCH_SCENARIOS=get-by-id,create runs a subset, e.g. while profiling.
    const only = process.env.BENCH_SCENARIOS?.split(',');
    const scenarios = buildScenarios(clients, user.userId, taskIds).filter(
      (scenario) => !only || only.includes(scenario.name),
    );
    for (const scenario of scenarios) {
      await smokeTest(port, user.accessToken, scenario);
      await smokeTest(floorPort, user.accessToken, scenario);
    }
    const rows = [];
    for (const scenario of scenarios) {
      log(
        `${scenario.name}: ${ROUNDS} rounds of service, direct SDK and floor, ${DURATION_S}s each, alternating`,
      );
      // Warm every side before measuring any: DynamoDB Local's JIT is still compiling the
      // operation during its first seconds, and whichever run came first would pay for it.
      await runHttp(port, user.accessToken, scenario, WARMUP_S);
      await runner.run(scenario, WARMUP_S);
      await runHttp(floorPort, user.accessToken, scenario, WARMUP_S);
      const rss = sampleRss(pid);
      const viaService = new Tally();
      const direct = new Tally();
      const floor = new Tally();
      const measureService = async () => {
        const cpu = await cpuMeter({ service: pid, dynamo: dynamoPid });
        const run = await runHttp(port, user.accessToken, scenario, DURATION_S);
        viaService.add(run, await cpu.stop());
      };
      const measureDirect = async () => {
        const cpu = await cpuMeter({ sdkRunner: sdkPid, dynamo: dynamoPid });
        const run = await runner.run(scenario, DURATION_S);
        direct.add(run, await cpu.stop());
      };
      const measureFloor = async () => {
        const cpu = await cpuMeter({ sdkRunner: sdkPid, dynamo: dynamoPid });
        const run = await runHttp(floorPort, user.accessToken, scenario, DURATION_S);
        floor.add(run, await cpu.stop());
      };
      // Service, direct, floor, floor, direct, service, ...: the machine's drift during the run
      // (other load, DynamoDB Local's garbage) falls on every side alike.
      const sides = [measureService, measureDirect, measureFloor];
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const measure of round % 2 === 0 ? sides : [...sides].reverse()) await measure();
      }
      const peakRss = await rss.stop();
      rows.push({ scenario: scenario.name, viaService, direct, floor, peakRss });
    }
    printReport(rows, (Date.now() - started) / 1000);
  } finally {
    service?.kill('SIGTERM');
    sdk?.stop();
    await dropTable(clients.client, TABLE).catch(() => undefined);
    clients.client.destroy();
    await engines.stop();
  }
}

async function seed(clients: DynamoClients, userId: string): Promise<string[]> {
  const seededAt = Date.now();
  const base = Date.now() - TASKS * 60_000;
  const statuses = ['pending', 'in_progress', 'completed'] as const;
  const items = Array.from({ length: TASKS }, (_, i) => {
    const createdAt = new Date(base + i * 60_000);
    return buildTaskItem(
      {
        userId,
        taskId: newId(createdAt),
        title: `Seeded task ${i}`,
        description: 'A task written by the benchmark seed, about as long as a real one.',
        status: statuses[i % 3],
        dueDate: i % 4 === 0 ? null : new Date(base + (i + 90) * 3_600_000).toISOString(),
      },
      createdAt,
    );
  });
  await batchPutAll(clients.doc, clients.tableName, items, { concurrency: 8 });
  log(`seeded ${TASKS} tasks in ${((Date.now() - seededAt) / 1000).toFixed(1)}s`);
  return items.map((item) => item.TaskId);
}

/** The production build: the service runs as `node dist/server.js`, not through a loader. */
function buildService(): void {
  log('building the task service (tsc -b)');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [REPO_ROOT] });
  const build = spawnSync(process.execPath, [tsc, '-b', join(SERVICE_DIR, 'tsconfig.build.json')], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the task service did not build');
}

/** The image's runtime variables that shape the process's memory and speed. */
const IMAGE_RUNTIME_KEYS = ['NODE_OPTIONS', 'MALLOC_ARENA_MAX'] as const;

/** How the image runs node: its environment and the flags its CMD passes before the script. */
interface ImageRuntime {
  env: Partial<Record<(typeof IMAGE_RUNTIME_KEYS)[number], string>>;
  nodeFlags: string[];
}

/**
 * The image's runtime (V8 heap limits, malloc arenas, V8 flags), so both sides run as the
 * container would, not as this host's memory would size them. BENCH_NODE_OPTIONS tries other
 * heap flags without editing the Dockerfile.
 */
async function imageRuntime(): Promise<ImageRuntime> {
  const dockerfile = await readFile(join(SERVICE_DIR, 'Dockerfile'), 'utf8');
  const env: ImageRuntime['env'] = {};
  for (const key of IMAGE_RUNTIME_KEYS) {
    const match = new RegExp(`${key}=(?:"([^"]*)"|(\\S+))`).exec(dockerfile);
    if (match) env[key] = match[1] ?? match[2];
  }
  if (env.NODE_OPTIONS === undefined) {
    throw new Error('services/task-service/Dockerfile sets no NODE_OPTIONS');
  }
  if (process.env.BENCH_NODE_OPTIONS !== undefined) {
    env.NODE_OPTIONS = process.env.BENCH_NODE_OPTIONS;
  }
  const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
  const argv: string[] = cmd ? JSON.parse(cmd) : [];
  if (argv[0] !== 'node' || argv.at(-1) !== 'dist/server.js') {
    throw new Error(`services/task-service/Dockerfile: unexpected CMD ${cmd}`);
  }
  return { env, nodeFlags: argv.slice(1, -1) };
}

async function startService(
  engines: LocalEngines,
  port: number,
  runtime: ImageRuntime,
): Promise<ChildProcess> {
  // e.g. BENCH_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the service.
  const nodeArgs = [
    ...runtime.nodeFlags,
    ...(process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  log(`service: node ${[...nodeArgs, 'dist/server.js'].join(' ')}`);
  const child = spawn(process.execPath, [...nodeArgs, join(SERVICE_DIR, 'dist', 'server.js')], {
    cwd: SERVICE_DIR,
    env: {
      ...process.env,
      ...engines.env,
      ...runtime.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      DYNAMODB_TABLE_NAME: TABLE,
      CURSOR_SECRET: 'benchmark-cursor-secret-0123456789abcdef',
      // Load shedding answers 503 once the event loop is ~98% busy, which a saturating
      // benchmark reaches by design: measure capacity, not the shedding policy.
      PRESSURE_MAX_EVENT_LOOP_UTILIZATION: '0',
      PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    },
    // Request logs go nowhere, but are still produced: the service does its production work.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    const live = await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => undefined);
    if (live?.ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGTERM');
  throw new Error('the service did not come up within 30 s');
}

/** The direct-SDK loop in its own process (`sdk-runner.ts`), one run at a time. */
interface SdkRunner {
  pid: number;
  /** Where the same process serves the Fastify floor. */
  floorPort: number;
  run(scenario: Scenario, seconds: number): Promise<Measurement>;
  stop(): void;
}

async function startSdkRunner(
  init: Extract<SdkRunnerRequest, { type: 'init' }>,
  runtime: ImageRuntime,
): Promise<SdkRunner> {
  const child = fork(join(__dirname, 'sdk-runner.ts'), [], {
    // This process's execArgv loads the runner through the same TypeScript loader.
    // BENCH_SDK_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the SDK loop and floor.
    execArgv: [
      ...process.execArgv,
      ...runtime.nodeFlags,
      ...(process.env.BENCH_SDK_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ],
    env: { ...process.env, ...runtime.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exchange = (request: SdkRunnerRequest) =>
    new Promise<SdkRunnerReply>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`the SDK runner exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (reply: SdkRunnerReply) => {
        child.off('exit', onExit);
        if (reply.type === 'error') reject(new Error(`SDK runner: ${reply.message}`));
        else resolve(reply);
      });
      child.send(request);
    });
  const ready = await exchange(init);
  if (ready.type !== 'ready') throw new Error(`SDK runner answered ${ready.type}`);
  return {
    pid: child.pid ?? 0,
    floorPort: ready.floorPort,
    async run(scenario, seconds) {
      const reply = await exchange({ type: 'run', scenario: scenario.name, seconds });
      if (reply.type !== 'result') throw new Error(`SDK runner answered ${reply.type}`);
      return reply.measurement;
    },
    stop: () => child.kill('SIGTERM'),
  };
}

/** One request per scenario first: a benchmark of error responses would measure nothing. */
async function smokeTest(port: number, token: string, scenario: Scenario): Promise<void> {
  const { method, path, body } = scenario.http();
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body ? { body } : {}),
  });
  if (!res.ok) {
    throw new Error(
      `${scenario.name}: ${method} ${path} answered ${res.status} ${await res.text()}`,
    );
  }
}

/** autocannon against the service or the floor, with the scenario's prebuilt requests. */
async function runHttp(
  port: number,
  token: string,
  scenario: Scenario,
  seconds: number,
): Promise<Measurement> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONCURRENCY,
    duration: seconds,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    // Built before the run and cycled: a per-request setupRequest made autocannon rebuild and
    // deep-clone its context on every request, CPU that only the HTTP sides paid.
    requests: Array.from({ length: PREBUILT_REQUESTS }, () => {
      const next = scenario.http();
      return { method: next.method, path: next.path, ...(next.body ? { body: next.body } : {}) };
    }),
  });
  return {
    operations: result.requests.total,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    statuses: Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [
      status,
      count ?? 0,
    ]),
  };
}

/** The service's resident set at its peak, in MB, and the part of it that is file-backed. */
interface RssPeak {
  totalMb: number;
  /** Pages of the node binary and other mapped files: shared and reclaimable, not heap. */
  fileMb: number;
}

/**
 * Samples the service's resident set every 250 ms (VmRSS, the figure process.memoryUsage().rss
 * reports inside it) and keeps the peak.
 */
function sampleRss(pid: number): { stop(): Promise<RssPeak> } {
  const peak: RssPeak = { totalMb: 0, fileMb: 0 };
  const sample = async () => {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const mb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? 0) / 1024;
    const totalMb = mb('VmRSS');
    if (totalMb > peak.totalMb) Object.assign(peak, { totalMb, fileMb: mb('RssFile') });
  };
  void sample();
  const timer = setInterval(() => void sample(), 250);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      return peak;
    },
  };
}

interface ReportRow {
  scenario: string;
  viaService: Tally;
  direct: Tally;
  floor: Tally;
  peakRss: RssPeak;
}

/** CPU ms spent during a run, by process; a side's processes not in the run spend none. */
interface CpuMs {
  /** This process: autocannon on the service side, only IPC on the SDK side. */
  loadGenerator: number;
  service: number;
  sdkRunner: number;
  dynamo: number;
}

const CPU_KEYS = ['loadGenerator', 'service', 'sdkRunner', 'dynamo'] as const;

/** Runs of one side of a scenario, added up: totals for rates, means for the percentiles. */
class Tally {
  private readonly runs: Measurement[] = [];
  private readonly cpu: CpuMs = { loadGenerator: 0, service: 0, sdkRunner: 0, dynamo: 0 };
  private readonly statuses = new Map<string, number>();

  add(run: Measurement, cpu: CpuMs): void {
    this.runs.push(run);
    for (const key of CPU_KEYS) this.cpu[key] += cpu[key];
    for (const [status, count] of run.statuses ?? []) {
      this.statuses.set(status, (this.statuses.get(status) ?? 0) + count);
    }
  }

  get operations(): number {
    return this.runs.reduce((sum, run) => sum + run.operations, 0);
  }

  get seconds(): number {
    return this.runs.reduce((sum, run) => sum + run.seconds, 0);
  }

  get requestsPerSecond(): number {
    return this.operations / this.seconds;
  }

  get p50(): number {
    return mean(this.runs.map((run) => run.p50));
  }

  get p99(): number {
    return mean(this.runs.map((run) => run.p99));
  }

  get failures(): number {
    return this.runs.reduce((sum, run) => sum + run.failures, 0);
  }

  /** CPU ms per request or operation, by process. */
  cpuPerOperation(key: keyof CpuMs): number {
    return this.cpu[key] / Math.max(this.operations, 1);
  }

  /** How busy a process kept its one JavaScript thread, in % of a core. */
  coreUse(key: keyof CpuMs): number {
    return this.cpu[key] / (this.seconds * 10);
  }

  statusSummary(): string {
    return [...this.statuses].map(([status, count]) => `${status}×${count}`).join(' ');
  }
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
}

/**
 * CPU spent during a run by this process and the given ones: every process on the machine
 * competes for the same cores, so this says where the time per request goes.
 */
async function cpuMeter(pids: Partial<Record<'service' | 'sdkRunner' | 'dynamo', number>>) {
  const own = process.cpuUsage();
  const processCpu = async () => ({
    service: pids.service ? await processCpuMs(pids.service) : 0,
    sdkRunner: pids.sdkRunner ? await processCpuMs(pids.sdkRunner) : 0,
    dynamo: pids.dynamo ? await processCpuMs(pids.dynamo) : 0,
  });
  const before = await processCpu();
  return {
    async stop(): Promise<CpuMs> {
      const ownUsage = process.cpuUsage(own);
      const after = await processCpu();
      return {
        loadGenerator: (ownUsage.user + ownUsage.system) / 1000,
        service: after.service - before.service,
        sdkRunner: after.sdkRunner - before.sdkRunner,
        dynamo: after.dynamo - before.dynamo,
      };
    },
  };
}

/** User + system CPU time of a process so far, from /proc (in clock ticks of 10 ms). */
async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
}

function printReport(rows: ReportRow[], totalSeconds: number): void {
  const fixed = (value: number, digits = 1) => value.toFixed(digits);
  const table = rows.map((row) => {
    const { scenario, viaService, direct, peakRss } = row;
    const throughputRatio = viaService.requestsPerSecond / direct.requestsPerSecond;
    const p99Ratio = viaService.p99 / direct.p99;
    const met =
      throughputRatio >= TARGETS.throughputRatio &&
      p99Ratio <= TARGETS.p99Ratio &&
      peakRss.totalMb < TARGETS.rssMb &&
      viaService.failures === 0;
    return {
      scenario,
      'service req/s': fixed(viaService.requestsPerSecond),
      'service p50 ms': fixed(viaService.p50),
      'service p99 ms': fixed(viaService.p99),
      'sdk req/s': fixed(direct.requestsPerSecond),
      'sdk p50 ms': fixed(direct.p50),
      'sdk p99 ms': fixed(direct.p99),
      'req/s ratio': fixed(throughputRatio, 2),
      'p99 ratio': fixed(p99Ratio, 2),
      'service RSS MB (peak)': fixed(peakRss.totalMb),
      'of it file-backed': fixed(peakRss.fileMb),
      failures: `${viaService.failures}/${direct.failures}`,
      'service statuses': viaService.statusSummary(),
      targets: met ? 'met' : 'MISSED',
    };
  });
  console.log(
    `\nTask service vs direct SDK: ${TASKS} tasks for one user, ${CONCURRENCY} concurrent, ${ROUNDS} rounds of ${DURATION_S}s per side, Node ${process.version}`,
  );
  console.log(`The direct side sends through the ${DIRECT_CLIENT_LABEL[DIRECT_CLIENT]}.`);
  // Everything shares the machine (DynamoDB Local, the service, the load generator): a busy
  // machine moves these numbers, so say how busy it was.
  console.log(
    `${cpus().length} CPUs, load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min) at the end of the run`,
  );
  console.table(table);
  console.log(
    `targets: req/s ratio >= ${TARGETS.throughputRatio}, p99 ratio <= ${TARGETS.p99Ratio}, service RSS < ${TARGETS.rssMb} MB; failures = service/sdk errors or non-2xx. req/s over all rounds, p50/p99 the mean of the rounds'. RSS counts the node binary's resident pages too (file-backed).`,
  );
  console.log(
    '\nThe HTTP hop alone: the floor is a bare Fastify route (no plugins, logger, token check or schemas) doing the same SDK work:',
  );
  console.table(
    rows.map(({ scenario, viaService, direct, floor }) => ({
      scenario,
      'floor req/s': fixed(floor.requestsPerSecond),
      'floor p99 ms': fixed(floor.p99),
      'floor / sdk req/s': fixed(floor.requestsPerSecond / direct.requestsPerSecond, 2),
      'service / floor req/s': fixed(viaService.requestsPerSecond / floor.requestsPerSecond, 2),
      'floor failures': floor.failures,
    })),
  );
  // Each side's Node process has one event loop: near 100 % of a core, it is the bottleneck,
  // and the req/s ratio is simply the SDK's CPU per operation over the service's per request.
  const node = (tally: Tally, key: keyof CpuMs) =>
    `${fixed(tally.cpuPerOperation(key), 2)} (${fixed(tally.coreUse(key), 0)} %)`;
  console.log(
    '\nCPU ms per request (service, floor) and per operation (SDK runner), by process; for the Node processes, in brackets, how busy they kept their core:',
  );
  console.table(
    rows.map(({ scenario, viaService, direct, floor }) => ({
      scenario,
      service: node(viaService, 'service'),
      floor: node(floor, 'sdkRunner'),
      'load generator': node(viaService, 'loadGenerator'),
      'DynamoDB Local (service side)': fixed(viaService.cpuPerOperation('dynamo'), 2),
      'SDK runner': node(direct, 'sdkRunner'),
      'DynamoDB Local (SDK side)': fixed(direct.cpuPerOperation('dynamo'), 2),
    })),
  );
  console.log(`Total ${fixed(totalSeconds, 0)}s.`);
}

const DIRECT_CLIENT_LABEL: Record<DirectClient, string> = {
  stock: "stock SDK document client (BENCH_DIRECT_CLIENT=library: the data library's)",
  library: "data library's client (createDynamoClients), as the service does",
};

function directClientFromEnv(value: string | undefined): DirectClient {
  if (value === undefined || value === 'stock') return 'stock';
  if (value === 'library') return 'library';
  throw new Error(`BENCH_DIRECT_CLIENT must be stock or library, not ${value}`);
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
