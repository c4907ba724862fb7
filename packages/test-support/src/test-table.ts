import { randomUUID } from 'node:crypto';
import { createDynamoClients, type DynamoClients, dropTable, ensureTable } from '@taskmgr/dynamo';

export interface TestTable extends DynamoClients {
  /** Drops the table and closes the clients; call it in afterAll. */
  destroy(): Promise<void>;
}

/**
 * A table of its own for one test file, built from the shared definition on the DynamoDB Local
 * that the integration global setup started (its endpoint is in DYNAMODB_ENDPOINT).
 */
export async function createTestTable(label = 'test'): Promise<TestTable> {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    throw new Error(
      'DYNAMODB_ENDPOINT is not set: run integration tests through the jest integration project',
    );
  }
  const tableName = `${label}-${randomUUID().slice(0, 8)}`;
  const clients = createDynamoClients({
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    DYNAMODB_ENDPOINT: endpoint,
    DYNAMODB_TABLE_NAME: tableName,
  });
  await ensureTable(clients.client, tableName);
  return {
    ...clients,
    async destroy() {
      await dropTable(clients.client, tableName);
      clients.client.destroy();
    },
  };
}
