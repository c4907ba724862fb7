import { createDynamoClients, tableExists } from '@taskmgr/dynamo';
import { drop, RemoteTableRefusedError, schemaLoad } from '../../src';
import { localConfig } from '../support';

const config = localConfig('db-admin');
const { client } = createDynamoClients(config);
afterAll(async () => {
  await drop(config);
  client.destroy();
});

test('schema-load creates the table, then finds it already there', async () => {
  const first = await schemaLoad(config);
  expect(first.result).toBe('created');
  expect(first.message).toBe(
    `Table ${config.DYNAMODB_TABLE_NAME} created on ${config.DYNAMODB_ENDPOINT}.`,
  );
  const second = await schemaLoad(config);
  expect(second.result).toBe('exists');
  expect(second.message).toContain('already exists');
  expect(await tableExists(client, config.DYNAMODB_TABLE_NAME)).toBe(true);
});

test('schema-load and drop refuse real AWS and remote endpoints', async () => {
  const { DYNAMODB_ENDPOINT: _local, ...aws } = config;
  await expect(schemaLoad(aws)).rejects.toThrow(RemoteTableRefusedError);
  await expect(drop(aws)).rejects.toThrow(/DYNAMODB_ENDPOINT is not set/);
  const remote = { ...config, DYNAMODB_ENDPOINT: 'https://dynamodb.us-east-1.amazonaws.com' };
  await expect(schemaLoad(remote)).rejects.toThrow(/is not a local endpoint.*--allow-remote/);
  // The refusal comes before any call: the local table is untouched.
  expect(await tableExists(client, config.DYNAMODB_TABLE_NAME)).toBe(true);
});

test('drop deletes the table, and a second drop is not an error', async () => {
  await schemaLoad(config);
  const first = await drop(config);
  expect(first.dropped).toBe(true);
  expect(await tableExists(client, config.DYNAMODB_TABLE_NAME)).toBe(false);
  const second = await drop(config);
  expect(second).toMatchObject({ dropped: false });
  expect(second.message).toContain('does not exist');
});
