import { type DynamoConfig, isLocalEndpoint } from '@taskmgr/dynamo';

/** A command that writes or deletes was pointed at something other than DynamoDB Local. */
export class RemoteTableRefusedError extends Error {
  constructor(action: string, config: DynamoConfig) {
    const where = config.DYNAMODB_ENDPOINT
      ? `DYNAMODB_ENDPOINT=${config.DYNAMODB_ENDPOINT} is not a local endpoint`
      : `DYNAMODB_ENDPOINT is not set, which means real AWS (region ${config.AWS_REGION})`;
    super(
      `Refusing to ${action} table "${config.DYNAMODB_TABLE_NAME}": ${where}. ` +
        'Point DYNAMODB_ENDPOINT at DynamoDB Local (e.g. http://127.0.0.1:8000, see `pnpm engines`), ' +
        'or pass --allow-remote if you really mean a remote table.',
    );
    this.name = 'RemoteTableRefusedError';
  }
}

export function assertLocalTable(config: DynamoConfig, action: string, allowRemote: boolean): void {
  if (!allowRemote && !isLocalEndpoint(config.DYNAMODB_ENDPOINT)) {
    throw new RemoteTableRefusedError(action, config);
  }
}
