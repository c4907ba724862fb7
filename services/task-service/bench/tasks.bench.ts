/**
 * `pnpm bench:tasks`: the task service against the same DynamoDB operations issued directly
 * through the SDK, at the same concurrency, for a user holding 5,000 tasks.
 *
 * Starts its own DynamoDB Local (in memory) and cognito-local, seeds the tasks, builds the service
 * and runs `node dist/server.js` in a child process as production does (its own event loop and
 * memory, the image's NODE_OPTIONS), then for each scenario warms both paths and runs autocannon
 * against the service and a loop of SDK workers against the table, alternating in rounds so both
 * sides see the same machine.
 * Prints req/s, p50/p99 latency, the ratios, the service's peak RSS and where the CPU went.
 * Numbers, not assertions.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { authTesting } from '@taskmgr/auth';
import {
  batchPutAll,
  buildTaskItem,
  createDynamoClients,
  type DynamoClients,
  dropTable,
  ensureTable,
  newId,
  taskKey,
  taskListQueryInput,
} from '@taskmgr/dynamo';
import { freePort, type LocalEngines, startLocalEngines } from '@taskmgr/local-engines';
import autocannon from 'autocannon';

const TASKS = 5_000;
const CONCURRENCY = 10;
/** Seconds per measured run; each side runs ROUNDS times. */
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 5);
const TABLE = 'bench-tasks';
const PAGE = 20;
const TARGETS = { throughputRatio: 0.7, p99Ratio: 2, rssMb: 150 };
const REPO_ROOT = join(__dirname, '..', '..', '..');
const SERVICE_DIR = join(REPO_ROOT, 'services', 'task-service');

/** One timed run of one side. */
interface Measurement {
  operations: number;
  seconds: number;
  p50: number;
  p99: number;
  failures: number;
  /** Response status counts; only the service has them. */
  statuses?: Array<[string, number]>;
}

interface Scenario {
  name: string;
  /** One HTTP request against the service. */
  http(): { method: 'GET' | 'POST'; path: string; body?: string };
  /** The same DynamoDB work, straight through the SDK. */
  direct(): Promise<unknown>;
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const started = Date.now();
  buildService();
  log('starting DynamoDB Local and cognito-local (in memory)');
  const engines = await startLocalEngines();
  let service: ChildProcess | undefined;
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
    const port = await freePort();
    service = await startService(engines, port);
    const pid = service.pid ?? 0;
    const dynamoPid = engines.dynamo.process.pid ?? 0;
    // BENCH_SCENARIOS=get-by-id,create runs a subset, e.g. while profiling.
    const only = process.env.BENCH_SCENARIOS?.split(',');
    const scenarios = buildScenarios(clients, user.userId, taskIds).filter(
      (scenario) => !only || only.includes(scenario.name),
    );
    for (const scenario of scenarios) await smokeTest(port, user.accessToken, scenario);
    const rows = [];
    for (const scenario of scenarios) {
      log(
        `${scenario.name}: ${ROUNDS} rounds of service ${DURATION_S}s and direct SDK ${DURATION_S}s, alternating`,
      );
      // Warm both paths before measuring either: DynamoDB Local's JIT is still compiling the
      // operation during its first seconds, and whichever run came first would pay for it.
      await runService(port, user.accessToken, scenario, WARMUP_S);
      await runDirect(scenario, WARMUP_S);
      const rss = sampleRss(pid);
      const viaService = new Tally();
      const direct = new Tally();
      const measureService = async () => {
        const cpu = await cpuMeter({ service: pid, dynamo: dynamoPid });
        const run = await runService(port, user.accessToken, scenario, DURATION_S);
        viaService.add(run, await cpu.stop());
      };
      const measureDirect = async () => {
        const cpu = await cpuMeter({ dynamo: dynamoPid });
        const run = await runDirect(scenario, DURATION_S);
        direct.add(run, await cpu.stop());
      };
      // Service, direct, direct, service, ...: the machine's drift during the run (other load,
      // DynamoDB Local's garbage) falls on both sides alike.
      for (let round = 0; round < ROUNDS; round += 1) {
        const order =
          round % 2 === 0 ? [measureService, measureDirect] : [measureDirect, measureService];
        for (const measure of order) await measure();
      }
      const peakRssMb = await rss.stop();
      rows.push({ scenario: scenario.name, viaService, direct, peakRssMb });
    }
    printReport(rows, (Date.now() - started) / 1000);
  } finally {
    service?.kill('SIGTERM');
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

/**
 * The image's NODE_OPTIONS (the V8 heap limits), so the service's memory is measured as the
 * container's, not as this host's memory would size the heap.
 */
async function imageNodeOptions(): Promise<string> {
  const dockerfile = await readFile(join(SERVICE_DIR, 'Dockerfile'), 'utf8');
  const options = /NODE_OPTIONS="([^"]*)"/.exec(dockerfile)?.[1];
  if (options === undefined)
    throw new Error('services/task-service/Dockerfile sets no NODE_OPTIONS');
  return options;
}

async function startService(engines: LocalEngines, port: number): Promise<ChildProcess> {
  // e.g. BENCH_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the service.
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const nodeOptions = await imageNodeOptions();
  log(
    `service: node ${[...nodeArgs, 'dist/server.js'].join(' ')}, NODE_OPTIONS="${nodeOptions}" (from its Dockerfile)`,
  );
  const child = spawn(process.execPath, [...nodeArgs, join(SERVICE_DIR, 'dist', 'server.js')], {
    cwd: SERVICE_DIR,
    env: {
      ...process.env,
      ...engines.env,
      NODE_OPTIONS: nodeOptions,
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

function buildScenarios(clients: DynamoClients, userId: string, taskIds: string[]): Scenario[] {
  const { doc, tableName } = clients;
  const randomTaskId = () => taskIds[Math.floor(Math.random() * taskIds.length)] ?? '';
  const createBody = () => ({
    title: 'Benchmark task',
    description: 'Created under load',
    dueDate: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
  const listInput = taskListQueryInput(tableName, userId, { sort: 'createdAt', order: 'desc' });
  return [
    {
      name: 'create',
      http: () => ({ method: 'POST', path: '/tasks', body: JSON.stringify(createBody()) }),
      direct: () => {
        const body = createBody();
        const now = new Date();
        const item = buildTaskItem({ userId, taskId: newId(now), ...body }, now);
        return doc.send(
          new PutCommand({
            TableName: tableName,
            Item: item,
            ConditionExpression: 'attribute_not_exists(EntityPartition)',
          }),
        );
      },
    },
    {
      name: 'get-by-id',
      http: () => ({ method: 'GET', path: `/tasks/${randomTaskId()}` }),
      direct: () =>
        doc.send(
          new GetCommand({
            TableName: tableName,
            Key: taskKey(userId, randomTaskId()),
            ConsistentRead: true,
          }),
        ),
    },
    {
      name: 'list-page-of-20',
      http: () => ({ method: 'GET', path: `/tasks?limit=${PAGE}` }),
      // The service reads one item past the page to know whether another page exists.
      direct: () => doc.send(new QueryCommand({ ...listInput, Limit: PAGE + 1 })),
    },
  ];
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

async function runService(
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
    requests: [
      {
        setupRequest: (request) => {
          const next = scenario.http();
          return {
            ...request,
            method: next.method,
            path: next.path,
            ...(next.body ? { body: next.body } : {}),
          };
        },
      },
    ],
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

/** CONCURRENCY workers, each issuing the next operation as soon as the last one finished. */
async function runDirect(scenario: Scenario, seconds: number): Promise<Measurement> {
  const latencies: number[] = [];
  let failures = 0;
  const startedAt = performance.now();
  const deadline = startedAt + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const before = performance.now();
      try {
        await scenario.direct();
        latencies.push(performance.now() - before);
      } catch {
        failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsedS = (performance.now() - startedAt) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    operations: latencies.length,
    seconds: elapsedS,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    failures,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Samples the service's resident set every 250 ms (VmRSS, the figure process.memoryUsage().rss
 * reports inside it); resolves to the peak in MB.
 */
function sampleRss(pid: number): { stop(): Promise<number> } {
  let peakKb = 0;
  const sample = async () => {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0);
    peakKb = Math.max(peakKb, kb);
  };
  void sample();
  const timer = setInterval(() => void sample(), 250);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      return peakKb / 1024;
    },
  };
}

interface ReportRow {
  scenario: string;
  viaService: Tally;
  direct: Tally;
  peakRssMb: number;
}

/** CPU ms spent during a run, by process. `bench` is the load generator or the SDK loop. */
interface CpuMs {
  bench: number;
  dynamo: number;
  service: number;
}

/** Runs of one side of a scenario, added up: totals for rates, means for the percentiles. */
class Tally {
  private readonly runs: Measurement[] = [];
  private readonly cpu: CpuMs = { bench: 0, dynamo: 0, service: 0 };
  private readonly statuses = new Map<string, number>();

  add(run: Measurement, cpu: CpuMs): void {
    this.runs.push(run);
    for (const key of ['bench', 'dynamo', 'service'] as const) this.cpu[key] += cpu[key];
    for (const [status, count] of run.statuses ?? []) {
      this.statuses.set(status, (this.statuses.get(status) ?? 0) + count);
    }
  }

  get operations(): number {
    return this.runs.reduce((sum, run) => sum + run.operations, 0);
  }

  get requestsPerSecond(): number {
    return this.operations / this.runs.reduce((sum, run) => sum + run.seconds, 0);
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
async function cpuMeter(pids: { dynamo: number; service?: number }) {
  const own = process.cpuUsage();
  const dynamo = await processCpuMs(pids.dynamo);
  const service = pids.service ? await processCpuMs(pids.service) : 0;
  return {
    async stop(): Promise<CpuMs> {
      const ownUsage = process.cpuUsage(own);
      return {
        bench: (ownUsage.user + ownUsage.system) / 1000,
        dynamo: (await processCpuMs(pids.dynamo)) - dynamo,
        service: pids.service ? (await processCpuMs(pids.service)) - service : 0,
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
    const { scenario, viaService, direct, peakRssMb } = row;
    const throughputRatio = viaService.requestsPerSecond / direct.requestsPerSecond;
    const p99Ratio = viaService.p99 / direct.p99;
    const met =
      throughputRatio >= TARGETS.throughputRatio &&
      p99Ratio <= TARGETS.p99Ratio &&
      peakRssMb < TARGETS.rssMb &&
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
      'service RSS MB (peak)': fixed(peakRssMb),
      failures: `${viaService.failures}/${direct.failures}`,
      'service statuses': viaService.statusSummary(),
      targets: met ? 'met' : 'MISSED',
    };
  });
  console.log(
    `\nTask service vs direct SDK: ${TASKS} tasks for one user, ${CONCURRENCY} concurrent, ${ROUNDS} rounds of ${DURATION_S}s per side, Node ${process.version}`,
  );
  // Everything shares the machine (DynamoDB Local, the service, the load generator): a busy
  // machine moves these numbers, so say how busy it was.
  console.log(
    `${cpus().length} CPUs, load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min) at the end of the run`,
  );
  console.table(table);
  console.log(
    `targets: req/s ratio >= ${TARGETS.throughputRatio}, p99 ratio <= ${TARGETS.p99Ratio}, service RSS < ${TARGETS.rssMb} MB; failures = service/sdk errors or non-2xx. req/s over all rounds, p50/p99 the mean of the rounds'.`,
  );
  console.log('\nCPU ms per request (service side) and per operation (SDK side), by process:');
  console.table(
    rows.map(({ scenario, viaService, direct }) => ({
      scenario,
      service: fixed(viaService.cpuPerOperation('service'), 2),
      'load generator': fixed(viaService.cpuPerOperation('bench'), 2),
      'DynamoDB Local (service side)': fixed(viaService.cpuPerOperation('dynamo'), 2),
      'SDK loop': fixed(direct.cpuPerOperation('bench'), 2),
      'DynamoDB Local (SDK side)': fixed(direct.cpuPerOperation('dynamo'), 2),
    })),
  );
  console.log(`Total ${fixed(totalSeconds, 0)}s.`);
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
