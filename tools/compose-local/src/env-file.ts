/**
 * The ids the user-pool bootstrap hands the services. cognito-local makes up pool and client
 * ids when it creates them, so compose cannot know them in advance: `cognito-init` writes them
 * to a file on a shared volume and each service starts with `node --env-file=<file>`.
 */
export const COGNITO_ENV_FILE_VARIABLES = [
  'COGNITO_USER_POOL_ID',
  'COGNITO_CLIENT_ID',
  'COGNITO_ISSUER',
] as const;

export type CognitoEnvFileVariable = (typeof COGNITO_ENV_FILE_VARIABLES)[number];

/** Where compose mounts the shared volume; the services read it read-only. */
export const DEFAULT_COGNITO_ENV_FILE = '/run/taskmgr/cognito.env';

// Ids and http URLs only: nothing that needs quoting in a dotenv file.
const SAFE_VALUE = /^[\w.:/-]+$/;

export function formatEnvFile(values: Readonly<Record<CognitoEnvFileVariable, string>>): string {
  const lines = COGNITO_ENV_FILE_VARIABLES.map((name) => {
    const value = values[name];
    if (!SAFE_VALUE.test(value)) {
      throw new Error(`${name}: refusing to write an unexpected value ${JSON.stringify(value)}`);
    }
    return `${name}=${value}`;
  });
  return `# Written by cognito-init; read by the services with node --env-file.\n${lines.join('\n')}\n`;
}

/** The dotenv subset `formatEnvFile` writes: NAME=value lines, # comments. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw new Error(`not a NAME=value line: ${trimmed}`);
    values[trimmed.slice(0, eq)] = trimmed.slice(eq + 1);
  }
  return values;
}
