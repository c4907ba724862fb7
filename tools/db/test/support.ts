import { randomUUID } from 'node:crypto';
import { createDynamoClients, type DynamoConfig } from '@taskmgr/dynamo';
import { drop, schemaLoad } from '../src';

/** A config for a table of this test file's own on the DynamoDB Local of the global setup. */
export function localConfig(label: string): DynamoConfig {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    throw new Error('DYNAMODB_ENDPOINT is not set: run integration tests through jest');
  }
  return {
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    DYNAMODB_ENDPOINT: endpoint,
    DYNAMODB_TABLE_NAME: `${label}-${randomUUID().slice(0, 8)}`,
  };
}

/** The file's own table, made by schema-load in beforeAll and dropped (clients closed) after. */
export function useLoadedTable(label: string) {
  const config = localConfig(label);
  const clients = createDynamoClients(config);
  beforeAll(() => schemaLoad(config));
  afterAll(async () => {
    await drop(config);
    clients.client.destroy();
  });
  return { config, ...clients };
}
