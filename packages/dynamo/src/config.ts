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
