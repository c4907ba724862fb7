import { PutCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { AlreadyExistsError, type EntityName } from '../errors';
import { Attr } from '../table-definition';
import { withConditionMapping } from '../write-errors';
import { type RepositoryOptions, systemClock } from './repository-options';

type NewItem = NonNullable<PutCommandInput['Item']>;

/** A Put that only writes when no item holds the key yet; for single writes and transactions. */
export function putIfAbsent(tableName: string, item: NewItem) {
  return {
    TableName: tableName,
    Item: item,
    ConditionExpression: 'attribute_not_exists(#pk)',
    ExpressionAttributeNames: { '#pk': Attr.partition },
  };
}

/** What every repository holds: the document client, the table and the clock. */
export abstract class TableRepository {
  protected readonly doc: RepositoryOptions['doc'];
  protected readonly tableName: string;
  protected readonly now: () => Date;

  constructor(options: RepositoryOptions) {
    this.doc = options.doc;
    this.tableName = options.tableName;
    this.now = options.now ?? systemClock;
  }

  /** Writes a new item; a failed condition carries the item that holds the key. */
  protected sendPutIfAbsent(item: NewItem) {
    return this.doc.send(
      new PutCommand({
        ...putIfAbsent(this.tableName, item),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  }

  /** Writes a new item, or throws AlreadyExistsError when the key is taken (e.g. a replay). */
  protected async putNew(item: NewItem, entity: EntityName): Promise<void> {
    await withConditionMapping(this.sendPutIfAbsent(item), () => new AlreadyExistsError(entity));
  }
}
