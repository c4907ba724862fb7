import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClients } from '../../src/client';

const middlewareNames = (client: DynamoDBClient) =>
  client.middlewareStack.identify().map((entry) => entry.split(' ')[0]);

describe('createDynamoClients', () => {
  it('drops the SDK call logger, whose output filtering costs CPU on every call', () => {
    // The stock client has it under this name: a rename in the SDK would fail here.
    expect(middlewareNames(new DynamoDBClient({ region: 'eu-west-1' }))).toContain(
      'loggerMiddleware',
    );
    const { client, doc } = createDynamoClients({
      AWS_REGION: 'eu-west-1',
      DYNAMODB_TABLE_NAME: 'tasks',
    });
    expect(middlewareNames(client)).not.toContain('loggerMiddleware');
    // The document client sends through the same stack.
    expect(doc.middlewareStack.identify().join('\n')).not.toContain('loggerMiddleware');
    // Signing, retries and (de)serialization stay.
    expect(middlewareNames(client)).toEqual(
      expect.arrayContaining(['serializerMiddleware', 'retryMiddleware', 'httpSigningMiddleware']),
    );
  });
});
