import type { Static, TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export interface ConfigIssue {
  /** The environment variable at fault, e.g. `PORT`. */
  variable: string;
  message: string;
}

/** Thrown when the environment does not match the schema; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(
      `Invalid configuration:\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Reads the variables a schema declares from `env`, applies defaults, converts strings to the
 * declared types (numbers, booleans) and validates. Unknown variables are ignored, since the
 * process environment holds far more than any one service reads.
 */
export function loadConfig<T extends TObject>(
  schema: T,
  env: Record<string, string | undefined> = process.env,
): Static<T> {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const raw = env[key];
    // An empty variable means "not set", so `FOO=` falls back to the default.
    if (raw !== undefined && raw !== '') picked[key] = raw;
  }
  const withDefaults = Value.Default(schema, picked);
  const converted = Value.Convert(schema, withDefaults);
  const issues: ConfigIssue[] = [];
  for (const error of Value.Errors(schema, converted)) {
    const variable = error.path.replace(/^\//, '').split('/')[0] || '(root)';
    if (issues.some((i) => i.variable === variable)) continue;
    issues.push({ variable, message: describe(error.message, error.schema) });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return converted as Static<T>;
}

function describe(message: string, schema: { description?: string }): string {
  return schema.description ? `${message} (${schema.description})` : message;
}
