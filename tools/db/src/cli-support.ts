import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@taskmgr/config';
import { type DynamoConfig, DynamoConfigSchema } from '@taskmgr/dynamo';
import { RemoteTableRefusedError } from './guard';
import type { AdminOptions } from './table-admin';

/** Bad flags: the message is for the person typing the command. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function loadDynamoConfig(
  env: Record<string, string | undefined> = process.env,
): DynamoConfig {
  return loadConfig(DynamoConfigSchema, env);
}

export function parseIntFlag(
  value: string | undefined,
  flag: string,
  options: { min: number; fallback?: number },
): number | undefined {
  if (value === undefined) return options.fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < options.min) {
    throw new UsageError(
      `${flag} must be a whole number of at least ${options.min}, got "${value}"`,
    );
  }
  return parsed;
}

function isParseArgsError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('ERR_PARSE_ARGS')
  );
}

/**
 * Runs a command and turns failures into a message and an exit code: 2 for a usage or
 * configuration problem the user can fix, 1 for anything else.
 */
export function runMain(command: string, main: () => Promise<void>): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main().catch((error: unknown) => {
    if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`${command}: ${error.message}\nRun with --help for usage.\n`);
      process.exitCode = 2;
    } else if (error instanceof ConfigError || error instanceof RemoteTableRefusedError) {
      process.stderr.write(`${command}: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      process.stderr.write(`${command} failed: ${message}\n`);
      process.exitCode = 1;
    }
  });
}

/** schema-load and drop: only --allow-remote and --help, then the action's one-line message. */
export function runAdminCommand(
  command: string,
  help: string,
  action: (config: DynamoConfig, options: AdminOptions) => Promise<{ message: string }>,
): void {
  runMain(command, async () => {
    const { values } = parseArgs({
      options: {
        'allow-remote': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      process.stdout.write(help);
      return;
    }
    const { message } = await action(loadDynamoConfig(), { allowRemote: values['allow-remote'] });
    process.stdout.write(`${message}\n`);
  });
}

export const ENV_HELP = `Environment:
  DYNAMODB_ENDPOINT    DynamoDB Local, e.g. http://127.0.0.1:8000 (unset means real AWS)
  DYNAMODB_TABLE_NAME  table name (default TaskManagement)
  AWS_REGION           region (default us-east-1)
`;
