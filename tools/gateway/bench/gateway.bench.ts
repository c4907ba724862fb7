/**
 * `npm run bench:gateway`: what the local gateway costs. Starts the stack (startStack, free ports,
 * throw-away data), creates a user and a task through the gateway, then loads
 * `GET /tasks/:id` with the user's token through the gateway and straight at the task service,
 * at the same concurrency, alternating the two so drift on a shared machine hits both alike.
 * Prints req/s, p50 and p99 per path and the throughput ratio. Target: the gateway costs at
 * most 15 % of throughput. Numbers, not assertions.
 *
 * BENCH_DURATION_S (10), BENCH_CONNECTIONS (10), BENCH_ROUNDS (3), BENCH_LOG_LEVEL (info).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { type RunningStack, startStack } from '../../stack/src/stack';
import { cpuByTree, cpuDelta } from './cpu-accounting';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_S = 3;
const TARGET_COST = 0.15;
const repoRoot = join(__dirname, '..', '..', '..');
const logFile = join(repoRoot, 'artifacts', 'bench', 'gateway-stack.log');

interface Measurement {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  /** CPU ms per request by process (the load generator is `autocannon`). */
  cpuPerRequest: Map<string, number>;
}

function log(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

async function postJson(url: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

function field(value: unknown, name: string): string {
  if (typeof value === 'object' && value !== null && name in value) {
    const inner = (value as Record<string, unknown>)[name];
    if (typeof inner === 'string') return inner;
  }
  throw new Error(`no ${name} in ${JSON.stringify(value)}`);
}

async function load(
  url: string,
  token: string,
  seconds: number,
  processes: { name: string; pid: number }[],
): Promise<Measurement> {
  const watched = [...processes, { name: 'autocannon', pid: process.pid, self: true }];
  const before = cpuByTree(watched);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  const spent = cpuDelta(before, cpuByTree(watched));
  const requests = Math.max(result.requests.total, 1);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
    cpuPerRequest: new Map([...spent].map(([name, ms]) => [name, ms / requests])),
  };
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / Math.max(values.length, 1);
}

function combine(rounds: Measurement[]): Measurement {
  const names = new Set(rounds.flatMap((r) => [...r.cpuPerRequest.keys()]));
  return {
    requestsPerSecond: mean(rounds.map((r) => r.requestsPerSecond)),
    p50: mean(rounds.map((r) => r.p50)),
    p99: mean(rounds.map((r) => r.p99)),
    requests: rounds.reduce((sum, r) => sum + r.requests, 0),
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
    cpuPerRequest: new Map(
      [...names].map((name) => [name, mean(rounds.map((r) => r.cpuPerRequest.get(name) ?? 0))]),
    ),
  };
}

function cpuLines(viaGateway: Measurement, direct: Measurement): string[] {
  const names = [...viaGateway.cpuPerRequest.keys()].filter(
    (name) =>
      (viaGateway.cpuPerRequest.get(name) ?? 0) + (direct.cpuPerRequest.get(name) ?? 0) > 0.005,
  );
  const total = (m: Measurement) => [...m.cpuPerRequest.values()].reduce((a, b) => a + b, 0);
  return [
    'CPU ms per request (Linux /proc; whole machine is shared, so treat as indicative):',
    `  ${'process'.padEnd(22)} ${'via gateway'.padStart(12)} ${'direct'.padStart(8)}`,
    ...names.map(
      (name) =>
        `  ${name.padEnd(22)} ${(viaGateway.cpuPerRequest.get(name) ?? 0).toFixed(3).padStart(12)} ${(direct.cpuPerRequest.get(name) ?? 0).toFixed(3).padStart(8)}`,
    ),
    `  ${'total'.padEnd(22)} ${total(viaGateway).toFixed(3).padStart(12)} ${total(direct).toFixed(3).padStart(8)}`,
  ];
}

function report(viaGateway: Measurement, direct: Measurement): void {
  const row = (name: string, m: Measurement) =>
    `${name.padEnd(16)} ${m.requestsPerSecond.toFixed(0).padStart(8)} ${m.p50
      .toFixed(1)
      .padStart(8)} ${m.p99.toFixed(1).padStart(8)} ${String(m.requests).padStart(9)} ${String(
      m.failures,
    ).padStart(8)}`;
  const ratio = viaGateway.requestsPerSecond / direct.requestsPerSecond;
  const cost = 1 - ratio;
  const lines = [
    '',
    `GET /tasks/:id with auth, ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION_S} s per path (means of the rounds)`,
    `${'path'.padEnd(16)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'requests'.padStart(9)} ${'failures'.padStart(8)}`,
    row('via gateway', viaGateway),
    row('direct', direct),
    '',
    `throughput ratio gateway/direct: ${ratio.toFixed(3)}  → the gateway costs ${(cost * 100).toFixed(1)} % (target ≤ ${TARGET_COST * 100} %): ${cost <= TARGET_COST ? 'met' : 'NOT met'}`,
    `p50 added by the gateway: ${(viaGateway.p50 - direct.p50).toFixed(1)} ms; p99 ratio ${(viaGateway.p99 / direct.p99).toFixed(2)}`,
    '',
    ...cpuLines(viaGateway, direct),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  mkdirSync(join(repoRoot, 'artifacts', 'bench'), { recursive: true });
  writeFileSync(logFile, '');
  let stack: RunningStack | undefined;
  try {
    log(`starting the stack (logs in ${logFile})`);
    stack = await startStack({
      web: false,
      // Straight to the file: relaying every request line through this process would tax the
      // load generator, and the gateway path twice (two lines per request).
      logFile,
      say: log,
      logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
      // Saturating the service is the point here: with load shedding on, both paths would
      // measure how fast it answers 503.
      serviceEnv: {
        task: { PRESSURE_MAX_EVENT_LOOP_UTILIZATION: '0', PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0' },
      },
    });
    const gateway = stack.urls.gateway;
    const taskService = stack.urls.services.task;
    const user = await postJson(`${gateway}/auth/register`, {
      email: `bench-${Date.now()}@example.com`,
      password: 'Bench-Passw0rd',
      firstName: 'Bench',
      lastName: 'Mark',
    });
    const token = field(user, 'accessToken');
    const task = await postJson(
      `${gateway}/tasks`,
      {
        title: 'Benchmark task',
        description: 'Read over and over',
        dueDate: '2031-01-01T09:00:00Z',
      },
      token,
    );
    const path = `/tasks/${field(task, 'taskId')}`;
    const targets = { gateway: `${gateway}${path}`, direct: `${taskService}${path}` };

    log(`warming up both paths (${WARMUP_S} s each)`);
    const processes = stack.processes();
    await load(targets.gateway, token, WARMUP_S, processes);
    await load(targets.direct, token, WARMUP_S, processes);

    const viaGateway: Measurement[] = [];
    const direct: Measurement[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      // Alternate which goes first, so neither always runs on the warmer machine.
      const order =
        round % 2 === 1 ? (['gateway', 'direct'] as const) : (['direct', 'gateway'] as const);
      for (const name of order) {
        log(`round ${round}/${ROUNDS}: ${name} ${DURATION_S} s`);
        const measured = await load(targets[name], token, DURATION_S, processes);
        (name === 'gateway' ? viaGateway : direct).push(measured);
      }
    }
    report(combine(viaGateway), combine(direct));
  } finally {
    await stack?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
