/**
 * Turns the table definition into DynamoDB API calls: schema-load, drop and the test fixtures
 * use these, so the keys and indexes are never declared twice.
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import { keyAttributes, type TableDefinition, tableDefinition } from './table-definition';

export function toCreateTableInput(
  tableName: string,
  def: TableDefinition = tableDefinition,
): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: def.billingMode,
    AttributeDefinitions: keyAttributes(def).map((a) => ({
      AttributeName: a.name,
      AttributeType: a.type,
    })),
    KeySchema: [
      { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: def.sortKey.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: def.globalSecondaryIndexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey.name, KeyType: 'HASH' as const },
        ...(i.sortKey ? [{ AttributeName: i.sortKey.name, KeyType: 'RANGE' as const }] : []),
      ],
      Projection: { ProjectionType: i.projection },
    })),
    LocalSecondaryIndexes: def.localSecondaryIndexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: def.partitionKey.name, KeyType: 'HASH' as const },
        { AttributeName: i.sortKey.name, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: i.projection },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: def.streamViewType },
  };
}

export type EnsureTableResult = 'created' | 'exists';

/** Creates the table and enables TTL; does nothing to a table that already exists. */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  def: TableDefinition = tableDefinition,
): Promise<EnsureTableResult> {
  let result: EnsureTableResult = 'created';
  try {
    await client.send(new CreateTableCommand(toCreateTableInput(tableName, def)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    result = 'exists';
  }
  await waitUntilTableExists({ client, maxWaitTime: 120 }, { TableName: tableName });
  await ensureTimeToLive(client, tableName, def.timeToLiveAttribute);
  return result;
}

async function ensureTimeToLive(client: DynamoDBClient, tableName: string, attribute: string) {
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = current.TimeToLiveDescription?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
    }),
  );
}

/** Deletes the table; a table that is already gone is not an error. */
export async function dropTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
  await waitUntilTableNotExists({ client, maxWaitTime: 120 }, { TableName: tableName });
  return true;
}

export async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}
