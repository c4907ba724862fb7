/**
 * The direct-SDK side of `pnpm bench:tasks`, in its own process: forked by the orchestrator with
 * the same NODE_OPTIONS as the service (its image's), so both sides run in the same runtime and
 * neither shares a heap or an event loop with the load generator. It also serves the Fastify floor
 * (`fastify-floor.ts`), which the orchestrator loads with autocannon while this loop is idle.
 *
 * Protocol over the IPC channel: `init` → `ready`, then `run` → `result` (one at a time).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createDynamoClients,
  DOCUMENT_MARSHALL_OPTIONS,
  type DynamoClients,
} from '@taskmgr/dynamo';
import { startFastifyFloor } from './fastify-floor';
import {
  buildScenarios,
  CONCURRENCY,
  type Measurement,
  percentile,
  type Scenario,
  type ScenarioName,
} from './scenarios';

/**
 * Which client the direct side (and the floor) sends through: the SDK as shipped, or the data
 * library's `createDynamoClients`, which trims per-call SDK work the service then saves too.
 */
export type DirectClient = 'stock' | 'library';

export type SdkRunnerRequest =
  | {
      type: 'init';
      client: DirectClient;
      region: string;
      endpoint: string;
      table: string;
      userId: string;
      taskIds: string[];
    }
  | { type: 'run'; scenario: ScenarioName; seconds: number };

export type SdkRunnerReply =
  | { type: 'ready'; floorPort: number }
  | { type: 'result'; measurement: Measurement }
  | { type: 'error'; message: string };

let scenarios: Scenario[] = [];

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

async function handle(request: SdkRunnerRequest): Promise<SdkRunnerReply> {
  if (request.type === 'init') {
    const clients = directClients(request);
    scenarios = buildScenarios(clients, request.userId, request.taskIds);
    return { type: 'ready', floorPort: await startFastifyFloor(scenarios) };
  }
  const scenario = scenarios.find((candidate) => candidate.name === request.scenario);
  if (!scenario) return { type: 'error', message: `unknown scenario ${request.scenario}` };
  return { type: 'result', measurement: await runDirect(scenario, request.seconds) };
}

function directClients(init: Extract<SdkRunnerRequest, { type: 'init' }>): DynamoClients {
  if (init.client === 'library') {
    return createDynamoClients({
      AWS_REGION: init.region,
      DYNAMODB_ENDPOINT: init.endpoint,
      DYNAMODB_TABLE_NAME: init.table,
    });
  }
  const client = new DynamoDBClient({
    region: init.region,
    endpoint: init.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // The same marshalling the data library uses, so both write the same items.
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: DOCUMENT_MARSHALL_OPTIONS });
  return { client, doc, tableName: init.table };
}

process.on('message', (request: SdkRunnerRequest) => {
  handle(request).then(
    (reply) => process.send?.(reply),
    (error: unknown) => process.send?.({ type: 'error', message: String(error) }),
  );
});
// The orchestrator done or gone: nothing left to measure for. A normal exit (not death by the
// signal) lets --cpu-prof write its profile.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
