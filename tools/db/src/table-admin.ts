import {
  createDynamoClients,
  type DynamoConfig,
  dropTable,
  type EnsureTableResult,
  ensureTable,
} from '@taskmgr/dynamo';
import { assertLocalTable } from './guard';

export interface AdminOptions {
  allowRemote?: boolean;
}

export interface SchemaLoadResult {
  tableName: string;
  result: EnsureTableResult;
  message: string;
}

/** Creates the table from the shared definition; a table that exists is left alone. */
export async function schemaLoad(
  config: DynamoConfig,
  options: AdminOptions = {},
): Promise<SchemaLoadResult> {
  assertLocalTable(config, 'create', options.allowRemote ?? false);
  const { client, tableName } = createDynamoClients(config);
  try {
    const result = await ensureTable(client, tableName);
    const where = config.DYNAMODB_ENDPOINT ?? `AWS ${config.AWS_REGION}`;
    const message =
      result === 'created'
        ? `Table ${tableName} created on ${where}.`
        : `Table ${tableName} already exists on ${where}; nothing changed.`;
    return { tableName, result, message };
  } finally {
    client.destroy();
  }
}

export interface DropResult {
  tableName: string;
  dropped: boolean;
  message: string;
}

export async function drop(config: DynamoConfig, options: AdminOptions = {}): Promise<DropResult> {
  assertLocalTable(config, 'drop', options.allowRemote ?? false);
  const { client, tableName } = createDynamoClients(config);
  try {
    const dropped = await dropTable(client, tableName);
    const message = dropped
      ? `Table ${tableName} dropped.`
      : `Table ${tableName} does not exist; nothing to drop.`;
    return { tableName, dropped, message };
  } finally {
    client.destroy();
  }
}
