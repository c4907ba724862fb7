import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type DynamoClients, type EmailGuardItem, emailGuardKey } from '@taskmgr/dynamo';

/**
 * Who holds an address in our data: the user id on its EMAIL_ guard item, read consistently
 * (EmailIndex is eventually consistent and would miss a registration that just finished).
 */
export class EmailOwnerLookup {
  constructor(private readonly dynamo: Pick<DynamoClients, 'doc' | 'tableName'>) {}

  async ownerOf(email: string): Promise<string | undefined> {
    const output = await this.dynamo.doc.send(
      new GetCommand({
        TableName: this.dynamo.tableName,
        Key: emailGuardKey(email),
        ConsistentRead: true,
        ProjectionExpression: 'UserId',
      }),
    );
    const guard = output.Item as Pick<EmailGuardItem, 'UserId'> | undefined;
    return guard?.UserId;
  }
}
