import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  CognitoIdentityProviderClient,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { assertPortFree, freePort } from './ports';
import {
  captureOutput,
  delay,
  hasExited,
  killWithParent,
  stopProcess,
  trackExit,
} from './process-control';

export interface CognitoLocalOptions {
  /** 0 or undefined picks a free port. */
  port?: number;
  /** cognito-local keeps its pools, users and config under `<dataDir>/.cognito`. */
  dataDir: string;
}

export interface RunningCognitoLocal {
  endpoint: string;
  port: number;
  /** The issuer of its tokens is `<issuerDomain>/<userPoolId>`. */
  issuerDomain: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Any credentials do: cognito-local never checks signatures, but the SDK insists on signing. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

function cognitoLocalBin(): string {
  return join(dirname(require.resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js');
}

/**
 * Points the token issuer at the port actually used. The rest of an existing config.json
 * (trigger functions, pool defaults) is kept, and the file is rewritten on every start
 * because a persistent data dir may be reused on another port.
 */
async function writeConfig(dataDir: string, issuerDomain: string): Promise<void> {
  const configDir = join(dataDir, '.cognito');
  const file = join(configDir, 'config.json');
  await mkdir(configDir, { recursive: true });
  let config: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      config = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`${file} is not valid JSON; fix or delete it: ${String(error)}`);
    }
  }
  const tokenConfig =
    typeof config.TokenConfig === 'object' && config.TokenConfig !== null ? config.TokenConfig : {};
  config.TokenConfig = { ...tokenConfig, IssuerDomain: issuerDomain };
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
}

export async function startCognitoLocal(
  options: CognitoLocalOptions,
): Promise<RunningCognitoLocal> {
  if (options.port) await assertPortFree(options.port, 'cognito-local');
  const port = options.port || (await freePort());
  const dataDir = resolve(options.dataDir);
  const endpoint = `http://127.0.0.1:${port}`;
  await writeConfig(dataDir, endpoint);
  const child = spawn(process.execPath, [cognitoLocalBin()], {
    cwd: dataDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // cognito-local still uses SDK v2, which prints a maintenance notice on start.
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = trackExit(child);
  killWithParent(child, exited);
  const output = captureOutput(child);
  try {
    await waitForCognito(endpoint, child, output);
  } catch (error) {
    await stopProcess(child, exited, 1_000);
    throw error;
  }
  return {
    endpoint,
    port,
    issuerDomain: endpoint,
    process: child,
    stop: () => stopProcess(child, exited),
  };
}

async function waitForCognito(endpoint: string, child: ChildProcess, output: () => string) {
  const client = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;
  try {
    while (Date.now() < deadline) {
      if (hasExited(child)) {
        throw new Error(`cognito-local exited with code ${child.exitCode}:\n${output()}`);
      }
      try {
        await client.send(new ListUserPoolsCommand({ MaxResults: 1 }));
        return;
      } catch {
        await delay(150);
      }
    }
    throw new Error(`cognito-local did not answer on ${endpoint} within 30 s:\n${output()}`);
  } finally {
    client.destroy();
  }
}
