import { randomBytes } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import { tableDefinition } from './table-definition';

/** The environment variables every process that talks to the table reads. */
export const DynamoConfigSchema = Type.Object({
  AWS_REGION: Type.String({ default: 'us-east-1', minLength: 1 }),
  DYNAMODB_TABLE_NAME: Type.String({
    default: tableDefinition.defaultTableName,
    pattern: '^[a-zA-Z0-9_.-]{3,255}$',
    description: 'DynamoDB table name: 3-255 of a-z A-Z 0-9 _ . -',
  }),
  DYNAMODB_ENDPOINT: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'Set for DynamoDB Local, e.g. http://localhost:8000; unset on AWS',
    }),
  ),
});

export type DynamoConfig = Static<typeof DynamoConfigSchema>;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', 'dynamodb-local']);

/** True when the endpoint points at a DynamoDB Local on this machine or in compose. */
export function isLocalEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  try {
    return LOCAL_HOSTS.has(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/** The key cursors are encrypted with; every replica of a service must share it. */
export const CursorConfigSchema = Type.Object({
  CURSOR_SECRET: Type.Optional(
    Type.String({
      minLength: 32,
      description: 'at least 32 characters; required in production, shared by all replicas',
    }),
  ),
});

export type CursorConfig = Static<typeof CursorConfigSchema>;

/**
 * The cursor secret for this process. Production must configure one (replicas must agree);
 * elsewhere a random one is made, so cursors simply stop working across restarts.
 */
export function resolveCursorSecret(config: CursorConfig, nodeEnv: string | undefined): string {
  if (config.CURSOR_SECRET) return config.CURSOR_SECRET;
  if (nodeEnv === 'production') {
    throw new Error('CURSOR_SECRET: required in production (at least 32 characters)');
  }
  return randomBytes(32).toString('base64url');
}
