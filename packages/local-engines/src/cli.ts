/**
 * `pnpm engines`: DynamoDB Local and cognito-local for a developer, with data kept under
 * <repo>/.local-data until the developer deletes it. The full dev stack imports
 * startLocalEngines instead of running this.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type LocalEngines, startLocalEngines } from './engines';
import { PortInUseError } from './ports';

const HELP = `Usage: pnpm engines [options]

Starts DynamoDB Local and cognito-local (no Docker), bootstraps the user pool and app client,
prints the endpoints and ids, and runs until Ctrl-C.

Options:
  --dynamo-port <n>   DynamoDB Local port   (env DYNAMODB_LOCAL_PORT, default 8000)
  --cognito-port <n>  cognito-local port    (env COGNITO_LOCAL_PORT, default 9229)
  --data-dir <path>   where data is kept    (env LOCAL_DATA_DIR, default <repo>/.local-data)
  --in-memory         keep nothing: DynamoDB in memory, cognito-local in a temp dir
  -h, --help          show this help
`;

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

function parsePort(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`${name} must be a port number between 1 and 65535, got "${value}"`);
  }
  return port;
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { values } = parseArgs({
    options: {
      'dynamo-port': { type: 'string' },
      'cognito-port': { type: 'string' },
      'data-dir': { type: 'string' },
      'in-memory': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const dynamoPort = parsePort(
    values['dynamo-port'] ?? process.env.DYNAMODB_LOCAL_PORT,
    '--dynamo-port / DYNAMODB_LOCAL_PORT',
    8000,
  );
  const cognitoPort = parsePort(
    values['cognito-port'] ?? process.env.COGNITO_LOCAL_PORT,
    '--cognito-port / COGNITO_LOCAL_PORT',
    9229,
  );
  const dataDir = values['in-memory']
    ? undefined
    : resolve(values['data-dir'] ?? process.env.LOCAL_DATA_DIR ?? join(repoRoot(), '.local-data'));

  const engines = await startLocalEngines({
    dynamoPort,
    cognitoPort,
    ...(dataDir ? { dataDir } : {}),
  });
  printReady(engines, dataDir);
  await runUntilStopped(engines);
}

function printReady(engines: LocalEngines, dataDir: string | undefined): void {
  const lines = [
    `Local engines are running (${dataDir ? `data in ${dataDir}` : 'throw-away data'}). Ctrl-C stops them.`,
    `  DynamoDB Local  ${engines.dynamo.endpoint}`,
    `  cognito-local   ${engines.cognito.endpoint}`,
    `    user pool     ${engines.cognito.userPoolId}`,
    `    app client    ${engines.cognito.clientId}`,
    `    issuer        ${engines.cognito.issuer}`,
    `    JWKS          ${engines.cognito.jwksUri}`,
    '',
    'For the services and the db:* scripts:',
    ...Object.entries(engines.env).map(([key, value]) => `  export ${key}=${value}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function runUntilStopped(engines: LocalEngines): Promise<void> {
  return new Promise((done) => {
    let stopping = false;
    const shutdown = (reason: string, exitCode: number) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`${reason}: stopping the engines...\n`);
      engines.stop().then(
        () => {
          process.exitCode = exitCode;
          done();
        },
        (error: unknown) => {
          process.stderr.write(`Could not stop the engines cleanly: ${String(error)}\n`);
          process.exitCode = 1;
          done();
        },
      );
    };
    process.once('SIGINT', () => shutdown('SIGINT', 0));
    process.once('SIGTERM', () => shutdown('SIGTERM', 0));
    for (const [name, child] of [
      ['DynamoDB Local', engines.dynamo.process],
      ['cognito-local', engines.cognito.process],
    ] as const) {
      child.once('exit', (code, signal) => {
        // Ctrl-C in a terminal reaches the engines too; give our own handler the first word.
        setTimeout(
          () => shutdown(`${name} exited unexpectedly (${signal ?? `code ${code}`})`, 1),
          300,
        );
      });
    }
  });
}

const PORT_HINTS: Record<string, string> = {
  'DynamoDB Local': '--dynamo-port or DYNAMODB_LOCAL_PORT',
  'cognito-local': '--cognito-port or COGNITO_LOCAL_PORT',
};

main().catch((error: unknown) => {
  let message = error instanceof Error ? error.message : String(error);
  if (error instanceof PortInUseError && PORT_HINTS[error.engine]) {
    message = message.replace(/\.$/, ` with ${PORT_HINTS[error.engine]}.`);
  }
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
});
