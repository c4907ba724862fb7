import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type DynamoConfig, isLocalEndpoint } from './config';

/** How the document client turns objects into items; the benchmark's stock client uses it too. */
export const DOCUMENT_MARSHALL_OPTIONS = {
  removeUndefinedValues: true,
  convertEmptyValues: false,
} as const;

/** The SDK middleware that hands every call's input and output to the client's logger. */
const SDK_CALL_LOGGER = 'loggerMiddleware';

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
  // The SDK's logger middleware filters every call's input and output for sensitive fields even
  // when the logger is a no-op: about 15 % of the CPU of a 20-item Query. No logger is configured.
  client.middlewareStack.remove(SDK_CALL_LOGGER);
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: DOCUMENT_MARSHALL_OPTIONS });
  return { client, doc, tableName: config.DYNAMODB_TABLE_NAME };
}
