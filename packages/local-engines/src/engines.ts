import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bootstrapUserPool } from './cognito-bootstrap';
import { type RunningCognitoLocal, startCognitoLocal } from './cognito-local';
import { type RunningDynamoDbLocal, startDynamoDbLocal } from './dynamodb-local';
import { assertPortFree, freePort } from './ports';

export interface LocalEnginesOptions {
  /**
   * Keeps both engines' data under `<dataDir>/dynamodb` and `<dataDir>/cognito`. Undefined
   * means throw-away data: DynamoDB in memory, cognito-local in a temp dir removed on stop.
   */
  dataDir?: string;
  /** 0 or undefined picks a free port. */
  dynamoPort?: number;
  /** 0 or undefined picks a free port. */
  cognitoPort?: number;
  /** Defaults to us-east-1. */
  region?: string;
  /** Defaults to `taskmgr-local`. */
  poolName?: string;
  /** Defaults to `taskmgr-web`. */
  clientName?: string;
}

export interface LocalEngines {
  dynamo: { endpoint: string; port: number; process: ChildProcess };
  cognito: {
    endpoint: string;
    port: number;
    process: ChildProcess;
    userPoolId: string;
    clientId: string;
    issuer: string;
    jwksUri: string;
  };
  /** What a service needs to talk to these engines. */
  env: {
    DYNAMODB_ENDPOINT: string;
    AWS_REGION: string;
    COGNITO_ENDPOINT: string;
    COGNITO_USER_POOL_ID: string;
    COGNITO_CLIENT_ID: string;
    COGNITO_ISSUER: string;
  };
  /** Stops both engines and removes throw-away data; safe to call more than once. */
  stop(): Promise<void>;
}

function firstReason(results: PromiseSettledResult<unknown>[]): unknown {
  for (const result of results) if (result.status === 'rejected') return result.reason;
  return new Error('no engine failed');
}

async function resolvePorts(options: LocalEnginesOptions) {
  const dynamoPort = options.dynamoPort || (await freePort());
  if (options.cognitoPort && options.cognitoPort === dynamoPort) {
    throw new Error(`DynamoDB Local and cognito-local cannot both use port ${dynamoPort}.`);
  }
  let cognitoPort = options.cognitoPort || (await freePort());
  // Two quick asks of the OS may hand out the same port.
  while (cognitoPort === dynamoPort) cognitoPort = await freePort();
  return { dynamoPort, cognitoPort };
}

/**
 * Starts DynamoDB Local and cognito-local side by side and bootstraps the user pool. When one
 * of them fails the other is stopped again, so a failed start leaves nothing running.
 */
export async function startLocalEngines(options: LocalEnginesOptions = {}): Promise<LocalEngines> {
  const region = options.region ?? 'us-east-1';
  // Checked up front too, so a busy port fails fast instead of after the other engine started.
  if (options.dynamoPort) await assertPortFree(options.dynamoPort, 'DynamoDB Local');
  if (options.cognitoPort) await assertPortFree(options.cognitoPort, 'cognito-local');
  const { dynamoPort, cognitoPort } = await resolvePorts(options);
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const cognitoDir = dataDir
    ? join(dataDir, 'cognito')
    : await mkdtemp(join(tmpdir(), 'taskmgr-cognito-'));
  const removeTempDir = async () => {
    if (!dataDir) await rm(cognitoDir, { recursive: true, force: true });
  };

  const startCognito = async () => {
    const cognito = await startCognitoLocal({ port: cognitoPort, dataDir: cognitoDir });
    try {
      const pool = await bootstrapUserPool({
        endpoint: cognito.endpoint,
        region,
        poolName: options.poolName ?? 'taskmgr-local',
        clientName: options.clientName ?? 'taskmgr-web',
      });
      return { cognito, pool };
    } catch (error) {
      await cognito.stop();
      throw error;
    }
  };

  const [dynamoResult, cognitoResult] = await Promise.allSettled([
    startDynamoDbLocal({
      port: dynamoPort,
      ...(dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {}),
    }),
    startCognito(),
  ]);

  if (dynamoResult.status === 'rejected' || cognitoResult.status === 'rejected') {
    const started: (RunningDynamoDbLocal | RunningCognitoLocal)[] = [];
    if (dynamoResult.status === 'fulfilled') started.push(dynamoResult.value);
    if (cognitoResult.status === 'fulfilled') started.push(cognitoResult.value.cognito);
    await Promise.all(started.map((engine) => engine.stop()));
    await removeTempDir();
    throw firstReason([dynamoResult, cognitoResult]);
  }

  const dynamo = dynamoResult.value;
  const { cognito, pool } = cognitoResult.value;
  let stopping: Promise<void> | undefined;
  return {
    dynamo: { endpoint: dynamo.endpoint, port: dynamo.port, process: dynamo.process },
    cognito: {
      endpoint: cognito.endpoint,
      port: cognito.port,
      process: cognito.process,
      ...pool,
    },
    env: {
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_REGION: region,
      COGNITO_ENDPOINT: cognito.endpoint,
      COGNITO_USER_POOL_ID: pool.userPoolId,
      COGNITO_CLIENT_ID: pool.clientId,
      COGNITO_ISSUER: pool.issuer,
    },
    stop() {
      stopping ??= Promise.all([dynamo.stop(), cognito.stop()]).then(removeTempDir);
      return stopping;
    },
  };
}
