import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mapWithConcurrency } from '../concurrency';
import type { PageKey } from '../cursor';
import { NotFoundError, TransactionConflictError } from '../errors';
import { ExpressionAttributes, updateExpression } from '../expression';
import {
  buildNotificationItem,
  isExpired,
  type NewNotification,
  type Notification,
  type NotificationItem,
  toNotification,
} from '../items';
import { type ItemKey, keyOf, notificationKey } from '../keys';
import {
  type NotificationListQuery,
  notExpiredFilter,
  notificationListQueryInput,
  notificationListStartKeyShape,
  unreadNotificationQueryInput,
} from '../notification-list-query';
import { countQuery, type Page, queryAllPages, queryPage } from '../paged-query';
import { assertStartKeyFits } from '../start-key';
import { Attr } from '../table-definition';
import { transactWrite } from '../transact-write';
import { conditionHeld, withConditionMapping } from '../write-errors';
import type { RepositoryOptions } from './repository-options';
import { TableRepository } from './table-repository';

export interface NotificationRepositoryOptions extends RepositoryOptions {
  /** Transactions in flight at once in markAllRead. */
  markAllReadConcurrency?: number;
}

export interface NotificationListOptions extends NotificationListQuery {
  limit: number;
  startKey?: PageKey | undefined;
}

/** 'any' for markRead (idempotent), 'unread' for markAllRead (counts only real changes). */
type ReadTarget = 'any' | 'unread';

const DEFAULT_MARK_ALL_CONCURRENCY = 2;
const SINGLE_WRITE_CONCURRENCY = 8;
const TRANSACTION_ITEM_LIMIT = 100;

export class NotificationRepository extends TableRepository {
  private readonly markAllReadConcurrency: number;

  constructor(options: NotificationRepositoryOptions) {
    super(options);
    this.markAllReadConcurrency = options.markAllReadConcurrency ?? DEFAULT_MARK_ALL_CONCURRENCY;
  }

  /** Throws AlreadyExistsError when the id is taken, which makes a replayed delivery detectable. */
  async create(input: NewNotification): Promise<Notification> {
    const item = buildNotificationItem(input, this.now());
    await this.putNew(item, 'notification');
    return toNotification(item);
  }

  /** Undefined when missing or expired. */
  async get(userId: string, notificationId: string): Promise<Notification | undefined> {
    const output = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: notificationKey(userId, notificationId) }),
    );
    const item = output.Item as NotificationItem | undefined;
    return item && !isExpired(item, this.now()) ? toNotification(item) : undefined;
  }

  /** Newest first, expired ones left out; pages stay full while more items exist. */
  async list(userId: string, options: NotificationListOptions): Promise<Page<Notification>> {
    const query: NotificationListQuery = { unreadOnly: options.unreadOnly };
    if (options.startKey) {
      assertStartKeyFits(options.startKey, notificationListStartKeyShape(userId, query));
    }
    const page = await queryPage<NotificationItem>(
      this.doc,
      notificationListQueryInput(this.tableName, userId, query, this.now()),
      { limit: options.limit, startKey: options.startKey },
    );
    return { ...page, items: page.items.map(toNotification) };
  }

  async countUnread(userId: string): Promise<number> {
    return countQuery(this.doc, unreadNotificationQueryInput(this.tableName, userId, this.now()));
  }

  /** Idempotent; throws NotFoundError when missing or expired. */
  async markRead(userId: string, notificationId: string): Promise<void> {
    const key = notificationKey(userId, notificationId);
    const marked = await this.markItemRead(key, 'any', this.now());
    if (!marked) throw new NotFoundError('notification');
  }

  /**
   * Marks every unread, unexpired notification read and returns how many this call changed.
   * Writes go in transactions of up to 100 conditional updates (one round trip each); a chunk
   * that hits a concurrent change falls back to single updates, so the count stays exact.
   */
  async markAllRead(userId: string): Promise<number> {
    const now = this.now();
    const pages = queryAllPages<ItemKey>(this.doc, {
      ...unreadNotificationQueryInput(this.tableName, userId, now),
      ProjectionExpression: `${Attr.partition}, ${Attr.sort}`,
      ConsistentRead: true,
    });
    let changed = 0;
    // One page at a time: each page's writes remove its items from the sparse index, which
    // is behind the cursor the next page starts from, so nothing is skipped or repeated.
    for await (const keys of pages) {
      const chunks: ItemKey[][] = [];
      for (let i = 0; i < keys.length; i += TRANSACTION_ITEM_LIMIT) {
        chunks.push(keys.slice(i, i + TRANSACTION_ITEM_LIMIT));
      }
      const counts = await mapWithConcurrency(chunks, this.markAllReadConcurrency, (chunk) =>
        this.markChunkRead(chunk, now),
      );
      changed += counts.reduce((sum, count) => sum + count, 0);
    }
    return changed;
  }

  /** Throws NotFoundError when missing or already expired. */
  async delete(userId: string, notificationId: string): Promise<void> {
    const attrs = new ExpressionAttributes();
    await withConditionMapping(
      this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: notificationKey(userId, notificationId),
          ConditionExpression: `attribute_exists(${attrs.name(Attr.partition)}) AND ${notExpiredFilter(attrs, this.now())}`,
          ...attrs.toInput(),
        }),
      ),
      () => new NotFoundError('notification'),
    );
  }

  private async markChunkRead(keys: ItemKey[], now: Date): Promise<number> {
    try {
      await transactWrite(
        this.doc,
        keys.map((key) => ({
          write: {
            Update: { TableName: this.tableName, ...this.markReadUpdate(key, 'unread', now) },
          },
          onConditionFailed: () => new NotFoundError('notification'),
        })),
      );
      return keys.length;
    } catch (error) {
      // Some item was read, deleted or written meanwhile: redo this chunk item by item.
      const contended = error instanceof NotFoundError || error instanceof TransactionConflictError;
      if (!contended) throw error;
    }
    const results = await mapWithConcurrency(keys, SINGLE_WRITE_CONCURRENCY, (key) =>
      this.markItemRead(key, 'unread', now),
    );
    return results.filter(Boolean).length;
  }

  /** True when the write happened, false when the condition failed. */
  private async markItemRead(key: ItemKey, state: ReadTarget, now: Date): Promise<boolean> {
    return conditionHeld(
      this.doc.send(
        new UpdateCommand({ TableName: this.tableName, ...this.markReadUpdate(key, state, now) }),
      ),
    );
  }

  /**
   * The mark-read write. 'unread' only touches an item still in the unread index, so two
   * concurrent markAllRead calls never count one item twice.
   */
  private markReadUpdate(key: ItemKey, state: ReadTarget, now: Date) {
    const attrs = new ExpressionAttributes();
    const conditions = [
      `attribute_exists(${attrs.name(Attr.partition)})`,
      notExpiredFilter(attrs, now),
    ];
    if (state === 'unread') {
      conditions.push(`attribute_exists(${attrs.name(Attr.notificationUnreadAt)})`);
    }
    const UpdateExpression = updateExpression(
      {
        set: [{ path: ['Notif_isRead'], value: true }],
        increment: [{ path: ['Version'], by: 1 }],
        remove: [[Attr.notificationUnreadAt]],
      },
      attrs,
    );
    return {
      Key: keyOf(key),
      UpdateExpression,
      ConditionExpression: conditions.join(' AND '),
      ...attrs.toInput(),
    };
  }
}
