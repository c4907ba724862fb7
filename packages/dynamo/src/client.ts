import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type DynamoConfig, isLocalEndpoint } from './config';

export interface DynamoClients {
  /** Low-level client, for table administration. */
  client: DynamoDBClient;
  /** Document client, for items as plain objects. */
  doc: DynamoDBDocumentClient;
  tableName: string;
}

export function createDynamoClients(config: DynamoConfig): DynamoClients {
  const options: DynamoDBClientConfig = { region: config.AWS_REGION };
  if (config.DYNAMODB_ENDPOINT) {
    options.endpoint = config.DYNAMODB_ENDPOINT;
    // DynamoDB Local accepts any alphanumeric keys; a developer need not configure any.
    if (isLocalEndpoint(config.DYNAMODB_ENDPOINT) && !process.env.AWS_ACCESS_KEY_ID) {
      options.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    }
  }
  const client = new DynamoDBClient(options);
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return { client, doc, tableName: config.DYNAMODB_TABLE_NAME };
}
