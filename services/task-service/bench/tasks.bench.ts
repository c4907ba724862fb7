/**
 * `pnpm bench:tasks`: the task service against the same DynamoDB operations issued directly
 * through the SDK, at the same concurrency, for a user holding 5,000 tasks.
 *
 * Starts its own DynamoDB Local (in memory) and cognito-local, seeds the tasks, builds the service
 * and runs `node dist/server.js` in a child process as production does (its own event loop and
 * memory), then for each scenario runs autocannon against the service and a loop of SDK workers
 * against the table, and prints req/s, p50/p99 latency, the ratios and the service's peak RSS.
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
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_S = 2;
const TABLE = 'bench-tasks';
const PAGE = 20;
const TARGETS = { throughputRatio: 0.7, p99Ratio: 2, rssMb: 150 };
const REPO_ROOT = join(__dirname, '..', '..', '..');
const SERVICE_DIR = join(REPO_ROOT, 'services', 'task-service');

interface Measurement {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
  /** Response status counts, e.g. `200×9000`; only the service has them. */
  statuses?: string;
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
    // BENCH_SCENARIOS=get-by-id,create runs a subset, e.g. while profiling.
    const only = process.env.BENCH_SCENARIOS?.split(',');
    const scenarios = buildScenarios(clients, user.userId, taskIds).filter(
      (scenario) => !only || only.includes(scenario.name),
    );
    for (const scenario of scenarios) await smokeTest(port, user.accessToken, scenario);
    const rows = [];
    for (const scenario of scenarios) {
      log(`${scenario.name}: service ${DURATION_S}s, then direct SDK ${DURATION_S}s`);
      await runService(port, user.accessToken, scenario, WARMUP_S);
      const rss = sampleRss(pid);
      const serviceCpuBefore = await processCpuMs(pid);
      const viaService = await runService(port, user.accessToken, scenario, DURATION_S);
      const serviceCpuMs = (await processCpuMs(pid)) - serviceCpuBefore;
      const peakRssMb = await rss.stop();
      await runDirect(scenario, WARMUP_S);
      const directCpuBefore = process.cpuUsage();
      const direct = await runDirect(scenario, DURATION_S);
      const directCpu = process.cpuUsage(directCpuBefore);
      rows.push({
        scenario: scenario.name,
        viaService,
        direct,
        peakRssMb,
        serviceCpuMsPerRequest: serviceCpuMs / (viaService.requestsPerSecond * DURATION_S),
        directCpuMsPerOp:
          (directCpu.user + directCpu.system) / 1000 / (direct.requestsPerSecond * DURATION_S),
      });
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

async function startService(engines: LocalEngines, port: number): Promise<ChildProcess> {
  // e.g. BENCH_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the service.
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(SERVICE_DIR, 'dist', 'server.js')], {
    cwd: SERVICE_DIR,
    env: {
      ...process.env,
      ...engines.env,
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
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    statuses: Object.entries(result.statusCodeStats ?? {})
      .map(([status, { count }]) => `${status}×${count ?? 0}`)
      .join(' '),
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
    requestsPerSecond: latencies.length / elapsedS,
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
  viaService: Measurement;
  direct: Measurement;
  peakRssMb: number;
  /** CPU the service process spent per request, and the bench process per direct operation. */
  serviceCpuMsPerRequest: number;
  directCpuMsPerOp: number;
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
      'CPU ms/req service|sdk': `${fixed(row.serviceCpuMsPerRequest, 2)}|${fixed(row.directCpuMsPerOp, 2)}`,
      failures: `${viaService.failures}/${direct.failures}`,
      'service statuses': viaService.statuses ?? '',
      targets: met ? 'met' : 'MISSED',
    };
  });
  console.log(
    `\nTask service vs direct SDK: ${TASKS} tasks for one user, ${CONCURRENCY} concurrent, ${DURATION_S}s per run, Node ${process.version}`,
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
    `targets: req/s ratio >= ${TARGETS.throughputRatio}, p99 ratio <= ${TARGETS.p99Ratio}, service RSS < ${TARGETS.rssMb} MB; failures = service/sdk errors or non-2xx. Total ${fixed(totalSeconds, 0)}s.`,
  );
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
